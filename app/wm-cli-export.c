/* wm-cli-export.c — `waymark export html|markdown|pdf ID -o PATH`
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-cli-commands.h"
#include "wm-html-exporter.h"

static gboolean
parse_mode (const char   *arg,
            WmPlayerMode *mode)
{
  static const char * const names[] = { "default", "try", "watch", "view" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (arg == NULL || g_ascii_strcasecmp (arg, names[i]) == 0)
      {
        *mode = arg ? (WmPlayerMode) i : WM_PLAYER_MODE_DEFAULT;
        return TRUE;
      }

  return FALSE;
}

static int
export_html (WmCli       *cli,
             WmStore     *store,
             WmTutorial  *tutorial,
             const char  *output,
             const char  *mode,
             gboolean     embed)
{
  WmHtmlOptions options = { WM_PLAYER_MODE_DEFAULT, embed };
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);
  g_autoptr(GError) error = NULL;

  if (!parse_mode (mode, &options.mode))
    return wm_cli_usage (cli, _("unknown mode “%s”; use try, watch or view"), mode);

  if (!wm_html_export_to_file (store, tutorial, &options, file, &error))
    return wm_cli_fail_error (cli, error);

  g_print (_("Exported “%s” to %s\n"), wm_tutorial_get_title (tutorial), output);
  return WM_CLI_OK;
}

int
wm_cli_export (WmCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *output = NULL, *mode = NULL;
  gboolean embed = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write: a file (html, pdf) or a folder (markdown)"), N_("PATH") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode,
      N_("html: the mode the player opens in (try, watch, view; default by stage)"), N_("MODE") },
    { "embed", 0, 0, G_OPTION_ARG_NONE, &embed,
      N_("html: a chrome-less player for embedding in an iframe"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "export", "html ID -o PATH",
    _("Export a tutorial as one self-contained HTML file with an interactive player "
      "(works offline, fetches nothing)."));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) tutorial = NULL;
  g_autofree char *id = NULL;
  WmStore *store;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc != 3)
    return wm_cli_usage (cli, _("give a format (html) and one tutorial ID"));
  if (output == NULL)
    return wm_cli_usage (cli, _("give the output with -o PATH"));
  if (!g_str_equal (argv[1], "html"))
    return wm_cli_usage (cli, _("unknown format “%s”; use html"), argv[1]);

  if (!(id = wm_cli_resolve_id (cli, argv[2], &error)))
    return wm_cli_fail_error (cli, error);
  store = wm_cli_get_store (cli, NULL);
  if (!(tutorial = wm_store_load_tutorial (store, id, TRUE, &error)))
    return wm_cli_fail_error (cli, error);

  return export_html (cli, store, tutorial, output, mode, embed);
}
