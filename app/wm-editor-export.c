/* wm-editor-export.c — the editor's Export…: HTML, PDF or Markdown, written off the main thread
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "wm-editor-private.h"
#include "wm-export.h"

static const struct {
  const char     *id;
  const char     *label;
  const char     *suffix;   /* "": a folder */
  WmExportFormat  format;
} formats[] = {
  { "html", N_("Interactive page (HTML)"), ".html", WM_EXPORT_FORMAT_HTML },
  { "pdf", N_("Quick reference (PDF)"), ".pdf", WM_EXPORT_FORMAT_PDF },
  { "markdown", N_("Markdown and images (folder)"), "", WM_EXPORT_FORMAT_MARKDOWN },
};

static guint
format_index (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (formats[i].id, id) == 0)
      return i;
  return 0;
}

static gboolean
pulse (gpointer user_data)
{
  WmEditor *self = user_data;

  gtk_progress_bar_pulse (self->export_progress);
  return G_SOURCE_CONTINUE;
}

static void
set_exporting (WmEditor *self,
               gboolean  exporting)
{
  self->exporting = exporting;
  gtk_revealer_set_reveal_child (self->export_revealer, exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.export", !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.export-to", !exporting);
  if (exporting && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse, self);
  else if (!exporting)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

typedef struct {
  WmEditor *editor;
  GFile    *file;
} ExportCall;

static void
export_call_free (ExportCall *call)
{
  g_object_unref (call->editor);
  g_object_unref (call->file);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportCall, export_call_free)

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ExportCall) call = user_data;
  WmEditor *self = call->editor;
  GFile *file = call->file;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uri = NULL;

  set_exporting (self, FALSE);
  if (!wm_export_finish (result, &error))
    return _wm_editor_toast (self, error->message);

  basename = g_file_get_basename (file);
  title = g_strdup_printf (_("Exported “%s”"), basename);
  uri = g_file_get_uri (file);
  _wm_editor_toast_full (self, title, _("_Open"), "editor.open-uri",
                         uri ? g_variant_new_string (uri) : NULL);
}

/* Writes @tutorial's current state as @format to @file; progress shows meanwhile. */
static void
start_export (WmEditor   *self,
              const char *format,
              GFile      *file)
{
  ExportCall *call;

  if (self->tutorial == NULL || self->exporting)
    return;

  /* The export library copies the tutorial as it is now; the author may go on editing. */
  _wm_editor_flush (self);
  set_exporting (self, TRUE);
  call = g_new0 (ExportCall, 1);
  call->editor = g_object_ref (self);
  call->file = g_object_ref (file);
  wm_export_async (self->store, self->tutorial, formats[format_index (format)].format, file,
                   NULL, export_done, call);
}

static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  const char *format, *path;
  g_autoptr(GFile) file = NULL;

  g_variant_get (param, "(&s&s)", &format, &path);
  file = g_file_new_for_path (path);
  start_export (WM_EDITOR (widget), format, file);
}

static void
on_export_response (WmEditor *self,
                    int       response)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->export_chooser);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *renamed = NULL;
  const char *format;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format") ?: "html";
  path = g_file_get_path (file);
  /* The suggested name ends in .html; another format gets its own ending. */
  if (path != NULL && g_str_has_suffix (path, ".html") && !g_str_equal (format, "html"))
    {
      path[strlen (path) - strlen (".html")] = '\0';
      renamed = g_strconcat (path, formats[format_index (format)].suffix, NULL);
      g_clear_object (&file);
      file = g_file_new_for_path (renamed);
    }
  start_export (self, format, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  const char *ids[G_N_ELEMENTS (formats) + 1] = { NULL };
  const char *labels[G_N_ELEMENTS (formats) + 1] = { NULL };
  g_autofree char *slug = NULL;
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->tutorial == NULL || self->export_chooser != NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    ids[i] = formats[i].id, labels[i] = _(formats[i].label);
  slug = wm_tutorial_get_slug (self->tutorial) ? g_strdup (wm_tutorial_get_slug (self->tutorial))
                                               : wm_tutorial_make_slug (wm_tutorial_get_title (self->tutorial));
  name = g_strconcat (slug[0] ? slug : "tutorial", ".html", NULL);
  self->export_chooser = gtk_file_chooser_native_new (_("Export Tutorial"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->export_chooser), "format", _("Format"),
                               ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->export_chooser), "format", "html");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  g_signal_connect_swapped (self->export_chooser, "response", G_CALLBACK (on_export_response),
                            self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

gboolean
wm_editor_is_exporting (WmEditor *self)
{
  g_return_val_if_fail (WM_IS_EDITOR (self), FALSE);
  return self->exporting;
}

void
_wm_editor_class_add_export_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "editor.export-to", "(ss)", export_to_action);
  gtk_widget_class_install_action (widget_class, "editor.open-uri", "s", open_uri_action);
}
