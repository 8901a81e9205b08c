/* wm-export.c — what every Waymark exporter shares
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-export.h"

G_DEFINE_QUARK (wm-export-error-quark, wm_export_error)

gboolean
wm_export_check_steps (WmTutorial  *tutorial,
                       GError     **error)
{
  g_return_val_if_fail (WM_IS_TUTORIAL (tutorial), FALSE);

  if (g_list_model_get_n_items (wm_tutorial_get_steps (tutorial)) > 0)
    return TRUE;

  g_set_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_NO_STEPS,
               _("“%s” has no steps to export"), wm_tutorial_get_title (tutorial));
  return FALSE;
}

gboolean
wm_export_write_file (GFile       *file,
                      const void  *data,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* g_file_replace_contents() writes a temporary file and renames it over the target. */
  if (g_file_replace_contents (file, data, len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                               NULL, NULL, &local_error))
    return TRUE;

  name = g_file_get_parse_name (file);
  g_set_error (error, WM_EXPORT_ERROR, WM_EXPORT_ERROR_WRITE, _("Cannot write “%s”: %s"), name,
               local_error->message);
  return FALSE;
}
