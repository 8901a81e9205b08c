/* wm-preferences-window.c — the preferences, each bound to its GSettings key
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-preferences-window.h"
#include "wm-store.h"

struct _WmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;

  AdwEntryRow          *author_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *shared_library_row;
  AdwEntryRow          *publish_url_row;
  AdwEntryRow          *roles_row;
  AdwComboRow          *backend_row;
  GtkSwitch            *hide_switch;
  GtkSwitch            *keys_switch;
  GtkSpinButton        *countdown_spin;
  AdwActionRow         *library_row;
  AdwComboRow          *style_row;
};

G_DEFINE_FINAL_TYPE (WmPreferencesWindow, wm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Enum keys ↔ a combo row's position: the schema's enum values are the positions. */
static gboolean
enum_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i]; i++)
    if (g_str_equal (nicks[i], nick))
      return g_value_set_uint (value, i), TRUE;

  return FALSE;
}

static GVariant *
position_to_enum (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((char **) nicks))
    return NULL;

  return g_variant_new_string (nicks[position]);
}

static gboolean
strv_to_text (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  g_autofree const char **roles = g_variant_get_strv (variant, NULL);

  g_value_take_string (value, g_strjoinv (", ", (char **) roles));
  return TRUE;
}

static GVariant *
text_to_strv (const GValue       *value,
              const GVariantType *type,
              gpointer            user_data)
{
  g_auto(GStrv) parts = g_strsplit (g_value_get_string (value) ?: "", ",", -1);
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; parts[i]; i++)
    if (g_strstrip (parts[i])[0] != '\0')
      g_strv_builder_add (roles, parts[i]);
  result = g_strv_builder_end (roles);

  return g_variant_new_strv ((const char * const *) result, -1);
}

static void
update_library_row (WmPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "library-path");
  g_autofree char *fallback = NULL;

  if (path[0] == '\0')
    {
      fallback = wm_store_get_default_path ();
      adw_action_row_set_subtitle (self->library_row, fallback);
    }
  else
    adw_action_row_set_subtitle (self->library_row, path);
}

static void
on_chooser_response (WmPreferencesWindow *self,
                     int                  response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  g_settings_set_string (self->settings, "library-path", path);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Waymark opens this library at its "
                                                     "next start")));
}

static void
choose_library_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WmPreferencesWindow *self = WM_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  /* Saving lets a person pick an existing library or name a new one. */
  self->chooser = gtk_file_chooser_native_new (_("Choose a Library"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Use"),
                                               _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "library.db");
  gtk_file_filter_set_name (filter, _("Waymark libraries"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
reset_library_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  g_settings_reset (WM_PREFERENCES_WINDOW (widget)->settings, "library-path");
}

static const char * const backend_nicks[] = { "automatic", "x11", "portal", NULL };
static const char * const style_nicks[] = { "follow", "light", "dark", NULL };

static void
bind_settings (WmPreferencesWindow *self)
{
  g_settings_bind (self->settings, "author-name", self->author_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "author-email", self->email_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "shared-library", self->shared_library_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "publish-base-url", self->publish_url_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "default-roles", self->roles_row, "text",
                                G_SETTINGS_BIND_DEFAULT, strv_to_text, text_to_strv,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "capture-backend", self->backend_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, enum_to_position,
                                position_to_enum, (gpointer) backend_nicks, NULL);
  g_settings_bind (self->settings, "capture-keys", self->keys_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "hide-window-while-recording", self->hide_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "capture-countdown", self->countdown_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "style-variant", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, enum_to_position, position_to_enum,
                                (gpointer) style_nicks, NULL);
  g_signal_connect_object (self->settings, "changed::library-path",
                           G_CALLBACK (update_library_row), self, G_CONNECT_SWAPPED);
  update_library_row (self);
}

static void
wm_preferences_window_dispose (GObject *object)
{
  WmPreferencesWindow *self = WM_PREFERENCES_WINDOW (object);

  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (wm_preferences_window_parent_class)->dispose (object);
}

static void
wm_preferences_window_class_init (WmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, author_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow,
                                        shared_library_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, publish_url_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, roles_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, backend_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, hide_switch);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, keys_switch);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, countdown_spin);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, library_row);
  gtk_widget_class_bind_template_child (widget_class, WmPreferencesWindow, style_row);
  gtk_widget_class_install_action (widget_class, "prefs.choose-library", NULL,
                                   choose_library_action);
  gtk_widget_class_install_action (widget_class, "prefs.reset-library", NULL,
                                   reset_library_action);
}

static void
wm_preferences_window_init (WmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

WmPreferencesWindow *
wm_preferences_window_new (GSettings *settings)
{
  WmPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (WM_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  bind_settings (self);

  return self;
}
