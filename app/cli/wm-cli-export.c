/* wm-cli-export.c — `waymark export html|markdown|pdf|scorm12|scorm2004|cmi5 ID -o PATH`
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-cli-commands.h"
#include "wm-html-exporter.h"
#include "wm-lms-package.h"
#include "wm-markdown-exporter.h"
#include "wm-pdf-exporter.h"

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
             gboolean     embed,
             const char  *language)
{
  WmHtmlOptions options = { WM_PLAYER_MODE_DEFAULT, embed, language };
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);
  g_autoptr(GError) error = NULL;

  if (!parse_mode (mode, &options.mode))
    return wm_cli_usage (cli, _("unknown mode “%s”; use try, watch or view"), mode);

  if (!wm_html_export_to_file (store, tutorial, &options, file, &error))
    return wm_cli_fail_error (cli, error);

  g_print (_("Exported “%s” to %s\n"), wm_tutorial_get_title (tutorial), output);
  return WM_CLI_OK;
}

static int
export_markdown (WmCli      *cli,
                 WmStore    *store,
                 WmTutorial *tutorial,
                 const char *output)
{
  g_autoptr(GFile) dir = g_file_new_for_commandline_arg (output);
  g_autoptr(GError) error = NULL;
  g_autofree char *md_path = NULL;

  if (!wm_markdown_export_to_dir (store, tutorial, dir, &md_path, &error))
    return wm_cli_fail_error (cli, error);

  g_print (_("Exported “%s” to %s\n"), wm_tutorial_get_title (tutorial), md_path);
  return WM_CLI_OK;
}

static int
export_pdf (WmCli      *cli,
            WmStore    *store,
            WmTutorial *tutorial,
            const char *output,
            const char *paper_name)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);
  g_autoptr(GError) error = NULL;
  WmPaper paper = WM_PAPER_A4;

  if (paper_name && !wm_paper_from_string (paper_name, &paper))
    return wm_cli_usage (cli, _("unknown paper “%s”; use a4 or letter"), paper_name);

  if (!wm_pdf_export_to_file (store, tutorial, paper, file, &error))
    return wm_cli_fail_error (cli, error);

  g_print (_("Exported “%s” to %s\n"), wm_tutorial_get_title (tutorial), output);
  return WM_CLI_OK;
}

static int
export_package (WmCli       *cli,
                WmStore     *store,
                WmTutorial  *tutorial,
                WmLmsFormat  format,
                const char  *output,
                const char  *mode,
                int          mastery,
                const char  *language)
{
  WmLmsOptions options = { format, WM_PLAYER_MODE_DEFAULT, MAX (mastery, 0), NULL, language };
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);
  g_autoptr(GError) error = NULL;

  if (!parse_mode (mode, &options.mode))
    return wm_cli_usage (cli, _("unknown mode “%s”; use try, watch or view"), mode);
  if (mastery != -1 && (mastery < 1 || mastery > 100))
    return wm_cli_usage (cli, _("--mastery takes a percentage from 1 to 100"));

  if (!wm_lms_package_to_file (store, tutorial, &options, file, &error))
    return wm_cli_fail_error (cli, error);

  g_print (_("Exported “%s” to %s\n"), wm_tutorial_get_title (tutorial), output);
  return WM_CLI_OK;
}

int
wm_cli_export (WmCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *output = NULL, *mode = NULL, *paper = NULL, *language = NULL;
  gboolean embed = FALSE;
  int mastery = -1;
  WmLmsFormat lms_format;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write: a file (html, pdf, a package’s .zip) or a folder (markdown)"),
      N_("PATH") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode,
      N_("html and packages: the mode the player opens in (try, watch, view; default by stage)"),
      N_("MODE") },
    { "mastery", 0, 0, G_OPTION_ARG_INT, &mastery,
      N_("packages: pass when this share of steps is done in Try without a miss"),
      N_("PERCENT") },
    { "embed", 0, 0, G_OPTION_ARG_NONE, &embed,
      N_("html: a chrome-less player for embedding in an iframe"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("pdf: a4 (default) or letter"), N_("SIZE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("html and packages: the language of the player’s own words, e.g. de (default: "
         "yours)"),
      N_("LANG") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "export",
    "html|markdown|pdf|scorm12|scorm2004|cmi5 ID -o PATH",
    _("Export a tutorial to share:\n"
      "  html      one self-contained HTML file with an interactive player (Try, Watch,\n"
      "            View); works offline and fetches nothing\n"
      "  markdown  PATH is a folder: SLUG.md and images/, for a forum post or docs\n"
      "  pdf       a quick-reference PDF, one block per step (--paper a4|letter)\n"
      "  scorm12, scorm2004, cmi5\n"
      "            a .zip package for an LMS (an academy course): the player reports\n"
      "            progress, resume point and completion (and with --mastery, passed or\n"
      "            failed) to the LMS\n"
      "Redactions are burned into every exported picture."));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) tutorial = NULL;
  WmStore *store;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc != 3)
    return wm_cli_usage (cli, _("give a format (html, markdown, pdf, scorm12, scorm2004 or "
                                "cmi5) and one tutorial ID"));
  if (output == NULL)
    return wm_cli_usage (cli, _("give the output with -o PATH"));
  if (!g_strv_contains ((const char * const[]) { "html", "markdown", "pdf", NULL }, argv[1]) &&
      !wm_lms_format_from_string (argv[1], &lms_format))
    return wm_cli_usage (cli, _("unknown format “%s”; use html, markdown, pdf, scorm12, "
                                "scorm2004 or cmi5"), argv[1]);

  if (!(tutorial = wm_cli_load_tutorial (cli, argv[2], TRUE, &error)))
    return wm_cli_fail_error (cli, error);
  store = wm_cli_get_store (cli, NULL);

  /* Markdown and PDF carry few words of their own, in the author's language. */
  if (language != NULL && (g_str_equal (argv[1], "markdown") || g_str_equal (argv[1], "pdf")))
    return wm_cli_usage (cli, _("--language applies to html and the LMS packages; markdown "
                                "and pdf are written in your own language"));
  if (g_str_equal (argv[1], "markdown"))
    return export_markdown (cli, store, tutorial, output);
  if (g_str_equal (argv[1], "pdf"))
    return export_pdf (cli, store, tutorial, output, paper);
  if (wm_lms_format_from_string (argv[1], &lms_format))
    return export_package (cli, store, tutorial, lms_format, output, mode, mastery, language);
  return export_html (cli, store, tutorial, output, mode, embed, language);
}
