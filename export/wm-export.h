/* wm-export.h — what every Waymark exporter shares: the error domain and paper sizes
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WM_EXPORT_ERROR (wm_export_error_quark ())

typedef enum {
  WM_EXPORT_ERROR_FAILED,
  WM_EXPORT_ERROR_NO_STEPS,      /* nothing to export */
  WM_EXPORT_ERROR_BAD_IMAGE,     /* a screenshot that cannot be decoded */
  WM_EXPORT_ERROR_WRITE,         /* the destination cannot be written */
} WmExportError;

GQuark wm_export_error_quark (void);

G_END_DECLS
