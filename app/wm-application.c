/* wm-application.c — the Waymark GApplication: library, settings, app-wide actions
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-application.h"
#include "wm-preferences-window.h"
#include "wm-resources.h"
#include "wm-window.h"

struct _WmApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  WmStore        *store;
  GError         *store_error;
  char           *library_path;   /* `waymark --library PATH`, absolute */
};

G_DEFINE_FINAL_TYPE (WmApplication, wm_application, ADW_TYPE_APPLICATION)

void
wm_resources_ensure (void)
{
  /* Referencing the resource keeps its object file (and its constructor) in the link. */
  (void) wm_get_resource ();
}

/* With no GPU (a virtual machine, a remote or headless session) GTK 4.8 still loads Mesa's
 * software GL when it opens the display — libLLVM and swrast, ~125 ms of relocations before
 * the first window — and then draws slower, in ~100 MB more, than its cairo renderer would.
 * No DRM render node means no hardware GL, so there GL is not loaded at all. A renderer the
 * user chose (GSK_RENDERER, GDK_DEBUG) is left alone; GSK_RENDERER=cairo alone does not keep
 * GDK from loading GL to pick its X11 visual, so that choice still gets GL disabled. */
void
wm_application_choose_renderer (void)
{
  g_autoptr(GDir) dri = NULL;
  const char *renderer = g_getenv ("GSK_RENDERER");
  const char *name;

  if ((renderer != NULL && !g_str_equal (renderer, "cairo")) || g_getenv ("GDK_DEBUG") != NULL)
    return;

  dri = g_dir_open ("/dev/dri", 0, NULL);
  while (dri != NULL && (name = g_dir_read_name (dri)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return;

  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);   /* not Vulkan through lavapipe either */
}

WmApplication *
wm_application_new (void)
{
  return g_object_new (WM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/waymark/Waymark",
                       NULL);
}

static char *
library_path (WmApplication *self)
{
  g_autofree char *setting = NULL;

  if (self->library_path != NULL)
    return g_strdup (self->library_path);

  setting = g_settings_get_string (self->settings, "library-path");
  /* $WAYMARK_LIBRARY wins so the command line and the app agree in scripts and tests. */
  if (g_getenv ("WAYMARK_LIBRARY") == NULL && setting[0] != '\0')
    return g_steal_pointer (&setting);

  return wm_store_get_default_path ();
}

WmStore *
wm_application_get_store (WmApplication  *self,
                          GError        **error)
{
  g_return_val_if_fail (WM_IS_APPLICATION (self), NULL);

  if (self->store == NULL && self->store_error == NULL)
    {
      g_autofree char *path = library_path (self);

      self->store = wm_store_open (path, &self->store_error);
    }

  if (self->store_error != NULL)
    {
      g_set_error_literal (error, self->store_error->domain, self->store_error->code,
                           self->store_error->message);
      return NULL;
    }

  return self->store;
}

GSettings *
wm_application_get_settings (WmApplication *self)
{
  g_return_val_if_fail (WM_IS_APPLICATION (self), NULL);

  return self->settings;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  WmApplication *self = user_data;

  /* Closing each window lets it flush pending edits to the store first. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  WmApplication *self = user_data;
  const char *developers[] = { "The Waymark authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (parent,
                         "application-name", _("Waymark"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Waymark authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Record clicks and screenshots into step-by-step "
                                       "tutorials, tag them by adoption stage and role, "
                                       "and put them everywhere your customers learn."),
                         "developers", developers,
                         "copyright", "© 2026 The Waymark authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  WmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  WmPreferencesWindow *prefs = wm_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.new-tutorial", { "<Control>n", NULL } },
  { "win.record", { "<Control>r", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.show-library", { "<Alt>1", NULL } },
  { "win.show-journey", { "<Alt>2", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

static void
apply_style (WmApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint variant = g_settings_get_enum (self->settings, "style-variant");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[MIN (variant, G_N_ELEMENTS (schemes) - 1)]);
}

/* `waymark --library PATH` opens the app on that library, as the commands do. Such a window is
 * its own process: handed to a Waymark already running, the path would be ignored there. */
static int
wm_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  WmApplication *self = WM_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "library", "^&ay", &path) && path[0] != '\0')
    {
      g_free (self->library_path);
      self->library_path = g_canonicalize_filename (path, NULL);
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
wm_application_startup (GApplication *app)
{
  WmApplication *self = WM_APPLICATION (app);

  wm_resources_ensure ();
  G_APPLICATION_CLASS (wm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), app_accels[i].action,
                                           app_accels[i].accels);

  g_signal_connect_object (self->settings, "changed::style-variant",
                           G_CALLBACK (apply_style), self, G_CONNECT_SWAPPED);
  apply_style (self);
}

static void
wm_application_activate (GApplication *app)
{
  WmApplication *self = WM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  WmStore *store;

  if (window == NULL)
    {
      store = wm_application_get_store (self, &error);
      window = GTK_WINDOW (wm_window_new (self, store, self->settings, error));
    }

  gtk_window_present (window);
}

/* `waymark FILE.waymark`, or a bundle opened from the file manager or a mail client:
 * the reviewer's queue imports it as a submitted draft, as its Import button would. */
static void
wm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GtkWindow *window;
  GtkWidget *queue;

  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (!WM_IS_WINDOW (window))
    return;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-review-queue", NULL);
  queue = GTK_WIDGET (wm_window_get_review_queue (WM_WINDOW (window)));
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);

      gtk_widget_activate_action (queue, "review-queue.import", "s", uri);
    }
}

static void
wm_application_dispose (GObject *object)
{
  WmApplication *self = WM_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (wm_application_parent_class)->dispose (object);
}

static void
wm_application_finalize (GObject *object)
{
  WmApplication *self = WM_APPLICATION (object);

  g_clear_object (&self->settings);
  g_free (self->library_path);

  G_OBJECT_CLASS (wm_application_parent_class)->finalize (object);
}

static void
wm_application_class_init (WmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = wm_application_dispose;
  object_class->finalize = wm_application_finalize;
  app_class->handle_local_options = wm_application_handle_local_options;
  app_class->startup = wm_application_startup;
  app_class->activate = wm_application_activate;
  app_class->open = wm_application_open;
}

static void
wm_application_init (WmApplication *self)
{
  const GOptionEntry entries[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the app on this library file"), N_("PATH") },
    { NULL }
  };

  self->settings = g_settings_new (APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
