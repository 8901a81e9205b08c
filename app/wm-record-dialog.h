/* wm-record-dialog.h — asks for a new recording's title, stage and roles
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wm-store.h"

G_BEGIN_DECLS

#define WM_TYPE_RECORD_DIALOG (wm_record_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WmRecordDialog, wm_record_dialog, WM, RECORD_DIALOG, AdwMessageDialog)

WmRecordDialog *wm_record_dialog_new         (GtkWindow      *parent,
                                              WmStore        *store,
                                              GSettings      *settings);
/* (title, stage nick, roles) as "win.start-recording" takes it; floating. */
GVariant       *wm_record_dialog_get_request (WmRecordDialog *self);

G_END_DECLS
