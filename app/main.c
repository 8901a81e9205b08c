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

#include "wm-application.h"
#include "wm-cli.h"

static int
run_app (int    argc,
         char **argv)
{
  g_autoptr(WmApplication) app = NULL;

  wm_application_choose_renderer ();
  app = wm_application_new ();
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
