/* main.c — `waymark`: the app, or with a subcommand the command line
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "waymark"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "wm-cli.h"

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "media-record-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Waymark"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Record clicks and screenshots into step-by-step tutorials"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), status);
  gtk_window_set_title (GTK_WINDOW (window), _("Waymark"));
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 640);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_app (int    argc,
         char **argv)
{
  g_autoptr(AdwApplication) app = adw_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands run without a display: GTK is never initialised for them. */
  rc = wm_cli_run (argc, argv);
  if (rc >= 0)
    return rc;

  return run_app (argc, argv);
}
