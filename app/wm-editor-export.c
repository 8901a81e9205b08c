/* wm-editor-export.c — the editor's Export… (HTML, PDF or Markdown) and Publish, off the main thread
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
#include "wm-html-exporter.h"
#include "wm-site-publisher.h"

static const struct {
  const char     *id;
  const char     *label;
  const char     *suffix;   /* "": a folder */
  WmExportFormat  format;
} formats[] = {
  { "html", N_("Interactive page (HTML)"), ".html", WM_EXPORT_FORMAT_HTML },
  { "pdf", N_("Quick reference (PDF)"), ".pdf", WM_EXPORT_FORMAT_PDF },
  { "markdown", N_("Markdown and images (folder)"), "", WM_EXPORT_FORMAT_MARKDOWN },
  { "scorm12", N_("LMS course package, SCORM 1.2 (zip)"), ".zip", WM_EXPORT_FORMAT_SCORM12 },
  { "scorm2004", N_("LMS course package, SCORM 2004 (zip)"), ".zip",
    WM_EXPORT_FORMAT_SCORM2004 },
  { "cmi5", N_("LMS course package, cmi5 (zip)"), ".zip", WM_EXPORT_FORMAT_CMI5 },
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.export-with", !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.publish", !exporting);
  if (exporting && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse, self);
  else if (!exporting)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

typedef struct {
  WmEditor *editor;
  GFile    *file;       /* the export, or the shared library's location */
  char     *id;         /* the tutorial published */
} ExportCall;

static ExportCall *
export_call_new (WmEditor *editor,
                 GFile    *file)
{
  ExportCall *call = g_new0 (ExportCall, 1);

  call->editor = g_object_ref (editor);
  call->file = g_object_ref (file);
  call->id = g_strdup (wm_tutorial_get_id (editor->tutorial));
  return call;
}

static void
export_call_free (ExportCall *call)
{
  g_object_unref (call->editor);
  g_object_unref (call->file);
  g_free (call->id);
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
start_export (WmEditor              *self,
              const char            *format,
              GFile                 *file,
              const WmExportOptions *options)
{
  if (self->tutorial == NULL || self->exporting)
    return;

  /* The export library copies the tutorial as it is now; the author may go on editing. */
  _wm_editor_flush (self);
  set_exporting (self, TRUE);
  wm_export_async_full (self->store, self->tutorial, formats[format_index (format)].format,
                        options, file, NULL, export_done, export_call_new (self, file));
}

/* editor.export-to (format, path), or editor.export-with (format, path, mode, mastery):
 * mode 0–3 as the player's (0: by stage), mastery 0 or 1–100 for the LMS packages. */
static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  const char *format, *path;
  g_autoptr(GFile) file = NULL;
  WmExportOptions options = { 0, 0 };

  if (g_variant_is_of_type (param, G_VARIANT_TYPE ("(ssuu)")))
    g_variant_get (param, "(&s&suu)", &format, &path, &options.mode, &options.mastery);
  else
    g_variant_get (param, "(&s&s)", &format, &path);
  options.mode = MIN (options.mode, WM_PLAYER_MODE_VIEW);
  options.mastery = MIN (options.mastery, 100);
  file = g_file_new_for_path (path);
  start_export (WM_EDITOR (widget), format, file, &options);
}

static const char * const mode_ids[] = { "default", "try", "watch", "view", NULL };
static const char * const mastery_ids[] = { "0", "60", "70", "80", "90", "100", NULL };

/* What the dialog's Mode and Pass mark choices say. */
static void
read_choices (GtkFileChooser  *chooser,
              WmExportOptions *options)
{
  const char *mode = gtk_file_chooser_get_choice (chooser, "mode");
  const char *mastery = gtk_file_chooser_get_choice (chooser, "mastery");

  for (guint i = 0; mode && mode_ids[i]; i++)
    if (g_str_equal (mode, mode_ids[i]))
      options->mode = i;
  options->mastery = mastery ? MIN (g_ascii_strtoull (mastery, NULL, 10), 100) : 0;
}

static void
add_choices (GtkFileChooser *chooser)
{
  const char *mode_labels[] = {
    /* TRANSLATORS: how the exported player opens: as its stage suggests, or a mode */
    _("As the stage suggests"), _("Try it"), _("Watch"), _("View"), NULL
  };
  const char *mastery_labels[] = {
    /* TRANSLATORS: LMS packages: the share of steps done without a miss that passes */
    _("No pass mark"), _("Pass at 60 %"), _("Pass at 70 %"), _("Pass at 80 %"),
    _("Pass at 90 %"), _("Pass at 100 %"), NULL
  };

  gtk_file_chooser_add_choice (chooser, "mode", _("Opens in"), (const char **) mode_ids,
                               mode_labels);
  gtk_file_chooser_set_choice (chooser, "mode", "default");
  gtk_file_chooser_add_choice (chooser, "mastery", _("LMS pass mark"),
                               (const char **) mastery_ids, mastery_labels);
  gtk_file_chooser_set_choice (chooser, "mastery", "0");
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
  WmExportOptions options = { 0, 0 };

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  read_choices (GTK_FILE_CHOOSER (chooser), &options);

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
  start_export (self, format, file, &options);
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
  add_choices (GTK_FILE_CHOOSER (self->export_chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  g_signal_connect_swapped (self->export_chooser, "response", G_CALLBACK (on_export_response),
                            self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* Publish: the tutorial's approved version to the shared library ------------------------ */

/* The link readers follow: under the library's web address when Preferences has one,
 * else the page at the location itself. */
static char *
published_link (WmEditor   *self,
                GFile      *location,
                const char *slug)
{
  g_autofree char *base = g_settings_get_string (self->settings, "publish-base-url");
  g_autofree char *page = g_strdup_printf ("t/%s/index.html", slug);
  g_autoptr(GFile) file = NULL;

  g_strstrip (base);
  if (base[0] != '\0')
    return g_strdup_printf ("%s%st/%s/", base, g_str_has_suffix (base, "/") ? "" : "/", slug);

  file = g_file_resolve_relative_path (location, page);
  return g_file_get_uri (file);
}

static void
publish_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ExportCall) call = user_data;
  WmEditor *self = call->editor;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) stored = NULL;
  g_autofree char *link = NULL;
  g_autofree char *message = NULL;

  set_exporting (self, FALSE);
  if (!wm_site_publisher_publish_finish (WM_SITE_PUBLISHER (source), result, &error))
    return _wm_editor_toast (self, error->message);

  /* The slug is fixed in the store at the first publish: read it back from there. */
  stored = wm_store_load_tutorial (self->store, call->id, FALSE, &error);
  if (stored == NULL || wm_tutorial_get_slug (stored) == NULL)
    return _wm_editor_toast (self, error ? error->message : _("Published"));

  link = published_link (self, call->file, wm_tutorial_get_slug (stored));
  g_free (self->published_link);
  self->published_link = g_strdup (link);
  message = g_strdup_printf (_("Published “%s”"), wm_tutorial_get_title (stored));
  _wm_editor_toast_full (self, message, _("_Copy Link"), "editor.copy-link",
                         g_variant_new_string (link));
}

static void
start_publish (ExportCall *call)
{
  WmEditor *self = call->editor;
  g_autoptr(WmSitePublisher) publisher = wm_site_publisher_new (self->store, call->file);
  g_autofree char *base = g_settings_get_string (self->settings, "publish-base-url");
  const char *ids[] = { call->id, NULL };

  g_strstrip (base);
  wm_site_publisher_set_base_url (publisher, base[0] ? base : NULL);
  wm_site_publisher_publish_async (publisher, ids, NULL, publish_done, call);
}

static void
mount_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ExportCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_mount_enclosing_volume_finish (G_FILE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_ALREADY_MOUNTED))
    {
      g_autofree char *name = g_file_get_parse_name (call->file);
      g_autofree char *message = g_strdup_printf (_("Cannot publish to “%s”: %s"), name,
                                                  error->message);

      set_exporting (call->editor, FALSE);
      _wm_editor_toast (call->editor, message);
      return export_call_free (call);
    }

  start_publish (call);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  WmEditor *self = WM_EDITOR (widget);
  g_autofree char *where = NULL;
  g_autoptr(GFile) location = NULL;
  g_autoptr(GMountOperation) operation = NULL;
  ExportCall *call;
  GtkRoot *root;

  if (self->tutorial == NULL || self->exporting || self->settings == NULL)
    return;

  where = g_settings_get_string (self->settings, "shared-library");
  g_strstrip (where);
  if (where[0] == '\0')
    return _wm_editor_toast_full (self, _("Choose the shared library’s location first"),
                                  _("_Preferences"), "app.preferences", NULL);

  _wm_editor_flush (self);
  set_exporting (self, TRUE);
  location = g_file_new_for_commandline_arg (where);
  call = export_call_new (self, location);
  if (g_file_is_native (location))
    return start_publish (call);

  /* sftp://, smb://, dav://: gvfs mounts it, asking for a password if it needs one. */
  root = gtk_widget_get_root (widget);
  operation = gtk_mount_operation_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_file_mount_enclosing_volume (location, G_MOUNT_MOUNT_NONE, operation, NULL, mount_done,
                                 call);
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (param, NULL));
  _wm_editor_toast (WM_EDITOR (widget), _("Link copied"));
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

const char *
wm_editor_get_published_link (WmEditor *self)
{
  g_return_val_if_fail (WM_IS_EDITOR (self), NULL);
  return self->published_link;
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
  gtk_widget_class_install_action (widget_class, "editor.export-with", "(ssuu)",
                                   export_to_action);
  gtk_widget_class_install_action (widget_class, "editor.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "editor.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "editor.copy-link", "s", copy_link_action);
}
