/* wm-editor-private.h — what wm-editor.c and wm-editor-actions.c share
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-editor.h"
#include "wm-signals-view.h"
#include "wm-undo-stack.h"

G_BEGIN_DECLS

struct _WmEditor
{
  GtkWidget         parent_instance;

  WmStore          *store;
  GSettings        *settings;
  WmThumbnailer    *thumbnailer;   /* small, shared with the library */
  WmThumbnailer    *full_images;   /* full size, for the canvas */
  WmTutorial       *tutorial;
  WmUndoStack      *undo;
  GtkSingleSelection *selection;
  GtkSliceListModel *shown_steps;  /* the steps; the first screenful until the canvas is up */
  guint             grow_id;
  gboolean          holding_thumbnails;
  GCancellable     *image_cancellable;
  GtkFileChooserNative *chooser;
  GtkFileChooserNative *export_chooser;
  gboolean          exporting;     /* an export or a publish is being written */
  char             *published_link;
  guint             pulse_id;
  char             *tool;
  guint             save_id;
  GPtrArray        *edited;        /* WmStep changed since the last save */
  GHashTable       *snapshots;     /* WmStep → its part of the undo state, until edited */
  guint             updating;      /* > 0 while the UI is filled from the model */

  AdwWindowTitle   *window_title;
  AdwFlap          *flap;
  GtkListView      *step_list;
  GtkStack         *content_stack;
  GtkBox           *tool_box;
  GtkLabel         *tool_hint;
  WmCanvas         *canvas;
  GtkLabel         *step_number;
  GtkEntry         *instruction_entry;
  GtkWidget        *generated_label;
  GtkWidget        *incomplete_label;
  GtkTextView      *notes_view;
  AdwEntryRow      *title_row;
  GtkTextView      *summary_view;
  AdwPreferencesGroup *stage_group;
  GtkFlowBox       *roles_box;
  GtkEntry         *new_role_entry;
  GtkLabel         *status_label;
  WmSignalsView    *signals_view;
  GtkRevealer      *export_revealer;
  GtkProgressBar   *export_progress;
};

/* wm-editor.c */
WmStep   *_wm_editor_get_current_step (WmEditor   *self);
void      _wm_editor_select           (WmEditor   *self,
                                       guint       position);
/* Call before changing the tutorial: records the state for undo. */
void      _wm_editor_begin_edit       (WmEditor   *self,
                                       const char *coalesce_key);
/* Call after: saves at once (or after a short pause for typing) and refreshes the UI. */
void      _wm_editor_end_edit         (WmEditor   *self,
                                       gboolean    typing);
void      _wm_editor_toast            (WmEditor   *self,
                                       const char *message);
/* A toast with a button activating @action_name (with @target, may be NULL). */
void      _wm_editor_toast_full       (WmEditor   *self,
                                       const char *message,
                                       const char *button_label,
                                       const char *action_name,
                                       GVariant   *target);
/* Writes a pending (typing) save now. */
void      _wm_editor_flush            (WmEditor   *self);
void      _wm_editor_refresh          (WmEditor   *self);
GVariant *_wm_editor_capture_state    (WmEditor   *self);
void      _wm_editor_restore_state    (WmEditor   *self,
                                       GVariant   *state);

/* wm-editor-export.c */
void      _wm_editor_class_add_export_actions (GtkWidgetClass *widget_class);

/* wm-editor-actions.c */
void      _wm_editor_class_add_actions (GtkWidgetClass *widget_class);
/* The "stage" property's setter: an undoable edit of the tutorial's stage. */
void      _wm_editor_set_stage        (WmEditor   *self,
                                       const char *name);
/* After "tool" changed: the tool buttons, the hint and the canvas follow. */
void      _wm_editor_tool_changed     (WmEditor   *self);
/* Adds a step made of @png after the selected one (undoable, saved). */
gboolean  _wm_editor_add_image_step   (WmEditor   *self,
                                       GBytes     *png,
                                       GError    **error);

G_END_DECLS
