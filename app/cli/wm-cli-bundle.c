/* wm-cli-bundle.c — bundle, import and inbox: tutorials sent between people as one file
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-bundle.h"
#include "wm-cli-commands.h"

int
wm_cli_bundle (WmCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *output = NULL, *message = NULL, *name = NULL, *email = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The bundle to write (required)"),
      N_("FILE.waymark") },
    { "message", 'm', 0, G_OPTION_ARG_STRING, &message, N_("A note for whoever receives it"),
      N_("TEXT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &name, N_("Your name (default $WAYMARK_AUTHOR)"),
      N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("Your email (default $WAYMARK_EMAIL)"),
      N_("EMAIL") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "bundle", "ID",
    _("Write a tutorial with its screenshots and history to one file to send to someone."));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autofree char *id = NULL;
  WmIdentity who;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc != 2)
    return wm_cli_usage (cli, _("give one tutorial ID"));
  if (output == NULL)
    return wm_cli_usage (cli, _("-o FILE.waymark is required"));

  who.name = name ? name : g_getenv ("WAYMARK_AUTHOR");
  who.name = who.name && *who.name ? who.name : g_get_real_name ();
  who.email = email ? email : g_getenv ("WAYMARK_EMAIL");

  dest = g_file_new_for_commandline_arg (output);
  if (!(id = wm_cli_resolve_id (cli, argv[1], &error)) ||
      !wm_bundle_write (wm_cli_get_store (cli, NULL), id, dest, &who, message, &error))
    return wm_cli_fail_error (cli, error);

  g_print (_("Wrote %s\n"), output);
  return WM_CLI_OK;
}

static int
import_one (WmCli      *cli,
            const char *arg)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmBundle) bundle = NULL;
  WmImportOutcome outcome;
  WmTutorial *t;
  WmStore *store;
  guint version = 0;

  /* Everything is read and checked before the library is opened for the change. */
  if (!(bundle = wm_bundle_load (file, NULL, &error)) ||
      !(store = wm_cli_get_store (cli, &error)) ||
      !wm_bundle_import (bundle, store, &outcome, &version, &error))
    return wm_cli_fail_error (cli, error);

  t = wm_bundle_get_tutorial (bundle);
  switch (outcome)
    {
    case WM_IMPORT_UNCHANGED:
      g_print (_("Already in the library: “%s” (version %u); nothing changed\n"),
               wm_tutorial_get_title (t), version);
      break;
    case WM_IMPORT_NEW_VERSION:
      g_print (_("Imported “%s” as version %u, in review (from %s)\n"),
               wm_tutorial_get_title (t), version,
               wm_bundle_get_sender (bundle) ? wm_bundle_get_sender (bundle) : _("someone"));
      break;
    case WM_IMPORT_NEW:
    default:
      g_print (_("Imported “%s”, in review (from %s)\n"), wm_tutorial_get_title (t),
               wm_bundle_get_sender (bundle) ? wm_bundle_get_sender (bundle) : _("someone"));
      break;
    }

  g_print ("%s\n", wm_tutorial_get_id (t));
  return WM_CLI_OK;
}

int
wm_cli_import (WmCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "import", "FILE.waymark…",
    _("Add tutorials someone sent as bundles, each as a submitted draft marked with its "
      "contributor. Importing the same bundle again changes nothing; a newer one arrives as "
      "a new version. A bundle is checked completely first: anything odd is refused and the "
      "library is left unchanged."));
  int rc = WM_CLI_OK;

  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc < 2)
    return wm_cli_usage (cli, _("give at least one bundle file"));

  for (int i = 1; i < argc; i++)
    {
      int one = import_one (cli, argv[i]);
      rc = MAX (rc, one);
    }

  return rc;
}

/* Whether this library holds exactly that tutorial already (as it is, or as a version). */
static gboolean
already_imported (WmCli      *cli,
                  WmTutorial *t)
{
  WmStore *store = wm_cli_get_store (cli, NULL);

  return store != NULL && wm_review_holds (store, t);
}

int
wm_cli_inbox (WmCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *from = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The shared library location (required)"),
      N_("LOCATION") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "inbox", NULL,
    _("List the bundles waiting for review in a shared library's inbox."));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) location = NULL;
  g_autoptr(GPtrArray) files = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc != 1)
    return wm_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (from == NULL)
    return wm_cli_usage (cli, _("--from LOCATION is required"));

  location = g_file_new_for_commandline_arg (from);
  if (!(files = wm_bundle_list_inbox (location, &error)))
    return wm_cli_fail_error (cli, error);

  if (files->len == 0)
    g_print ("%s\n", _("The inbox is empty."));

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) bad = NULL;
      g_autoptr(WmBundle) bundle = wm_bundle_load (g_ptr_array_index (files, i), NULL, &bad);
      g_autofree char *name = g_file_get_parse_name (g_ptr_array_index (files, i));
      /* Anyone who can write to the share names these files: a newline would fake an entry. */
      g_autofree char *path = wm_cli_printable (name);
      WmTutorial *t;

      if (bundle == NULL)
        {
          g_print ("%s\n    %s\n", path, bad->message);
          continue;
        }

      t = wm_bundle_get_tutorial (bundle);
      g_print ("%s\n    “%s” v%u, %u steps, %s %s%s\n", path, wm_tutorial_get_title (t),
               wm_tutorial_get_version (t), wm_tutorial_get_n_steps (t), _("from"),
               wm_bundle_get_sender (bundle) ? wm_bundle_get_sender (bundle) : _("someone"),
               already_imported (cli, t) ? _(" — already in this library") : "");
      if (wm_bundle_get_message (bundle))
        g_print ("    “%s”\n", wm_bundle_get_message (bundle));
    }

  return WM_CLI_OK;
}
