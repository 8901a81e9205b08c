/* wm-editor-export.c — the editor's Export…: pick a format and a place, export off the main thread
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-editor-private.h"
#include "wm-export.h"

static const struct {
  const char     *id;
  const char     *label;
  const char     *suffix;   /* NULL: a folder */
  WmExportFormat  format;
} formats[] = {
  { "html", N_("Interactive page (HTML)"), ".html", WM_EXPORT_FORMAT_HTML },
  { "pdf", N_("Quick reference (PDF)"), ".pdf", WM_EXPORT_FORMAT_PDF },
  { "markdown", N_("Markdown and images (folder)"), NULL, WM_EXPORT_FORMAT_MARKDOWN },
};

static guint
format_index (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (formats[i].id, id) == 0)
      return i;
  return 0;
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WmEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wm_export_finish (result, &error))
    _wm_editor_toast (self, error->message);
  else
    _wm_editor_toast (self, _("Exported"));
}

/* Exports the tutorial as it is on screen (unsaved typing included) to @file. */
void
_wm_editor_export_to (WmEditor   *self,
                      const char *format_id,
                      GFile      *file)
{
  g_return_if_fail (WM_IS_EDITOR (self));

  if (self->tutorial == NULL)
    return;

  wm_export_async (self->store, self->tutorial, formats[format_index (format_id)].format, file,
                   NULL, export_done, g_object_ref (self));
}

static void
on_export_response (WmEditor *self,
                    int       response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *format = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
      format = g_strdup (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (self->chooser), "format"));
    }
  g_clear_object (&self->chooser);

  if (file != NULL)
    _wm_editor_export_to (self, format, file);
}

void
_wm_editor_export (WmEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *ids[G_N_ELEMENTS (formats) + 1] = { NULL };
  const char *labels[G_N_ELEMENTS (formats) + 1] = { NULL };
  g_autofree char *slug = NULL;
  g_autofree char *name = NULL;

  if (self->tutorial == NULL || self->chooser != NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      ids[i] = formats[i].id;
      labels[i] = _(formats[i].label);
    }

  slug = wm_tutorial_get_slug (self->tutorial) ? g_strdup (wm_tutorial_get_slug (self->tutorial))
                                               : wm_tutorial_make_slug (wm_tutorial_get_title (self->tutorial));
  name = g_strconcat (slug && *slug ? slug : "tutorial", ".html", NULL);

  self->chooser = gtk_file_chooser_native_new (_("Export Tutorial"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "format", _("Format"), ids,
                               labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "format", "html");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
