/* wm-export.h — what every Waymark exporter shares: the error domain and paper sizes
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "wm-store.h"
#include "wm-tutorial.h"

G_BEGIN_DECLS

#define WM_EXPORT_ERROR (wm_export_error_quark ())

typedef enum {
  WM_EXPORT_ERROR_FAILED,
  WM_EXPORT_ERROR_NO_STEPS,      /* nothing to export */
  WM_EXPORT_ERROR_BAD_IMAGE,     /* a screenshot that cannot be decoded */
  WM_EXPORT_ERROR_WRITE,         /* the destination cannot be written */
} WmExportError;

GQuark   wm_export_error_quark (void);

/* FALSE with WM_EXPORT_ERROR_NO_STEPS when @tutorial has nothing to export. */
gboolean wm_export_check_steps (WmTutorial  *tutorial,
                                GError     **error);
/* Writes @file atomically: it is either complete or left as it was. */
gboolean wm_export_write_file  (GFile       *file,
                                const void  *data,
                                gsize        len,
                                GError     **error);

typedef enum {
  WM_EXPORT_FORMAT_HTML,       /* one self-contained file */
  WM_EXPORT_FORMAT_MARKDOWN,   /* @destination is a folder */
  WM_EXPORT_FORMAT_PDF,        /* A4 */
  WM_EXPORT_FORMAT_SCORM12,    /* LMS packages (wm-lms-package.h), zip */
  WM_EXPORT_FORMAT_SCORM2004,
  WM_EXPORT_FORMAT_CMI5,
} WmExportFormat;

/* For the app: exports a snapshot of @tutorial (copied now, so it may keep changing) in a
 * worker thread, with the format's defaults. */
/* How an export is asked for, beyond its format; zero-initialise. */
typedef struct {
  guint mode;      /* html and packages: a WmPlayerMode (0: by the tutorial's stage) */
  guint mastery;   /* packages: 1–100, the share of Try steps without a miss that passes */
} WmExportOptions;

void     wm_export_async_full  (WmStore               *store,
                                WmTutorial            *tutorial,
                                WmExportFormat         format,
                                const WmExportOptions *options,
                                GFile                 *destination,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data);
void     wm_export_async       (WmStore             *store,
                                WmTutorial          *tutorial,
                                WmExportFormat       format,
                                GFile               *destination,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
gboolean wm_export_finish      (GAsyncResult        *result,
                                GError             **error);

G_END_DECLS
