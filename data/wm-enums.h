/* wm-enums.h — the closed vocabularies of the tutorial model
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The five adoption stages, in the order a customer meets them. */
typedef enum {
  WM_STAGE_FIRST_EXPOSURE,
  WM_STAGE_ORIENTATION,
  WM_STAGE_RAMP_AND_PRACTICE,
  WM_STAGE_COMPETENCY,
  WM_STAGE_REFRESHER,
} WmStage;

#define WM_N_STAGES 5

typedef enum {
  WM_STATUS_DRAFT,
  WM_STATUS_IN_REVIEW,
  WM_STATUS_CHANGES_REQUESTED,
  WM_STATUS_APPROVED,
} WmStatus;

#define WM_N_STATUSES 4

typedef enum {
  WM_STEP_CLICK,
  WM_STEP_DOUBLE_CLICK,
  WM_STEP_RIGHT_CLICK,
  WM_STEP_TYPE,
  WM_STEP_KEY,
  WM_STEP_MANUAL,
  WM_STEP_NOTE,
} WmStepKind;

#define WM_N_STEP_KINDS 7

typedef enum {
  WM_ANNOTATION_HIGHLIGHT,
  WM_ANNOTATION_ARROW,
  WM_ANNOTATION_BOX,
  WM_ANNOTATION_CALLOUT,
  WM_ANNOTATION_REDACT,
} WmAnnotationKind;

#define WM_N_ANNOTATION_KINDS 5

/* What kind of control a step's target is, which decides the sentence that names it
 * ("the Save button", "Save As… in the main menu") and the container a target sits in
 * (a menu, a list). WM_TARGET_NONE: not known. */
typedef enum {
  WM_TARGET_NONE,
  WM_TARGET_BUTTON,
  WM_TARGET_TOGGLE,
  WM_TARGET_CHECK_BOX,
  WM_TARGET_RADIO,
  WM_TARGET_SWITCH,
  WM_TARGET_LINK,
  WM_TARGET_TAB,
  WM_TARGET_MENU_ITEM,
  WM_TARGET_LIST_ITEM,
  WM_TARGET_FIELD,
  WM_TARGET_DROP_DOWN,
  WM_TARGET_SLIDER,
  WM_TARGET_MENU,
  WM_TARGET_LIST,
  WM_TARGET_ICON,
} WmTargetKind;

#define WM_N_TARGET_KINDS 16

#define WM_TYPE_STAGE (wm_stage_get_type ())
#define WM_TYPE_STATUS (wm_status_get_type ())
#define WM_TYPE_STEP_KIND (wm_step_kind_get_type ())
#define WM_TYPE_ANNOTATION_KIND (wm_annotation_kind_get_type ())
#define WM_TYPE_TARGET_KIND (wm_target_kind_get_type ())

GType wm_stage_get_type (void) G_GNUC_CONST;
GType wm_status_get_type (void) G_GNUC_CONST;
GType wm_step_kind_get_type (void) G_GNUC_CONST;
GType wm_annotation_kind_get_type (void) G_GNUC_CONST;
GType wm_target_kind_get_type (void) G_GNUC_CONST;

/* Stable machine names ("first-exposure", "in-review", "double-click", …) used in the
 * database, the command line, JSON and exported pages. from_string() also accepts the
 * human title case-insensitively and returns FALSE for anything else. */
const char *wm_stage_to_string           (WmStage stage);
gboolean    wm_stage_from_string         (const char *str, WmStage *out);
/* Translated title ("First Exposure") and the customer's question it answers. */
const char *wm_stage_get_title           (WmStage stage);
const char *wm_stage_get_question        (WmStage stage);
/* The same in an export's language (see wm-language.h; NULL: the process's). */
const char *wm_stage_get_title_in        (WmStage     stage,
                                          const char *language);
const char *wm_stage_get_question_in     (WmStage     stage,
                                          const char *language);
/* "first-exposure, orientation, …" for error messages. */
char       *wm_stage_list_valid          (void);

const char *wm_status_to_string          (WmStatus status);
gboolean    wm_status_from_string        (const char *str, WmStatus *out);
const char *wm_status_get_title          (WmStatus status);
char       *wm_status_list_valid         (void);

const char *wm_step_kind_to_string       (WmStepKind kind);
gboolean    wm_step_kind_from_string     (const char *str, WmStepKind *out);

const char *wm_annotation_kind_to_string (WmAnnotationKind kind);
gboolean    wm_annotation_kind_from_string (const char *str, WmAnnotationKind *out);

/* "button", "menu-item", "drop-down"; "none" for WM_TARGET_NONE. */
const char *wm_target_kind_to_string     (WmTargetKind kind);
gboolean    wm_target_kind_from_string   (const char *str, WmTargetKind *out);
/* The kind of control an AT-SPI role names ("push button", "page tab", "password text");
 * WM_TARGET_NONE for roles a reader would not call by a kind (labels, panels, icons'
 * images). */
WmTargetKind wm_target_kind_from_role    (const char *role);

G_END_DECLS
