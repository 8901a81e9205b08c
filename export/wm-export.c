/* wm-export.c — what every Waymark exporter shares
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-export.h"
#include "wm-html-exporter.h"
#include "wm-lms-package.h"
#include "wm-markdown-exporter.h"
#include "wm-pdf-exporter.h"

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

typedef struct {
  char           *library;       /* the worker opens its own connection (one per thread) */
  WmTutorial     *tutorial;
  WmExportFormat  format;
  GFile          *destination;
  WmExportOptions  options;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->library);
  g_clear_object (&job->tutorial);
  g_clear_object (&job->destination);
  g_free (job);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(WmStore) store = NULL;
  GError *error = NULL;
  gboolean ok = FALSE;

  if (!(store = wm_store_open (job->library, &error)))
    return g_task_return_error (task, error);

  switch (job->format)
    {
    case WM_EXPORT_FORMAT_HTML:
      {
        WmHtmlOptions html = { job->options.mode, FALSE };

        ok = wm_html_export_to_file (store, job->tutorial, &html, job->destination, &error);
      }
      break;
    case WM_EXPORT_FORMAT_MARKDOWN:
      ok = wm_markdown_export_to_dir (store, job->tutorial, job->destination, NULL, &error);
      break;
    case WM_EXPORT_FORMAT_PDF:
      ok = wm_pdf_export_to_file (store, job->tutorial, WM_PAPER_A4, job->destination,
                                  &error);
      break;
    case WM_EXPORT_FORMAT_SCORM12:
    case WM_EXPORT_FORMAT_SCORM2004:
    case WM_EXPORT_FORMAT_CMI5:
      {
        WmLmsOptions options = { WM_LMS_SCORM12 + (job->format - WM_EXPORT_FORMAT_SCORM12),
                                 job->options.mode, MIN (job->options.mastery, 100), NULL };

        ok = wm_lms_package_to_file (store, job->tutorial, &options, job->destination, &error);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wm_export_async_full (WmStore               *store,
                      WmTutorial            *tutorial,
                      WmExportFormat         format,
                      const WmExportOptions *options,
                      GFile                 *destination,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (WM_IS_STORE (store));
  g_return_if_fail (WM_IS_TUTORIAL (tutorial));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (options == NULL || (options->mode <= WM_PLAYER_MODE_VIEW &&
                                        options->mastery <= 100));

  job = g_new0 (ExportJob, 1);
  job->library = g_strdup (wm_store_get_path (store));
  job->tutorial = wm_tutorial_copy (tutorial);
  job->format = format;
  job->destination = g_object_ref (destination);
  if (options != NULL)
    job->options = *options;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

void
wm_export_async (WmStore             *store,
                 WmTutorial          *tutorial,
                 WmExportFormat       format,
                 GFile               *destination,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  wm_export_async_full (store, tutorial, format, NULL, destination, cancellable, callback,
                        user_data);
}

gboolean
wm_export_finish (GAsyncResult  *result,
                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
