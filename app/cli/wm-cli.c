/* wm-cli.c — `waymark SUBCOMMAND …`: the command table, global options and error output
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "wm-bundle.h"
#include "wm-cli-commands.h"

struct _WmCli
{
  const char *command;
  char       *library_path;
  WmStore    *store;
};

/* Every subcommand, in the order `waymark --help` lists them. Features add one line. */
static const WmCliCommand commands[] = {
  { "list", N_("[--stage S] [--role R] [--status S] [--search TEXT] [--json]"),
    N_("List the tutorials in the library"), wm_cli_list },
  { "show", N_("ID [--json]"), N_("Show a tutorial and its steps"), wm_cli_show },
  { "new", N_("--title T [--stage S] [--role R…]"), N_("Create an empty tutorial"), wm_cli_new },
  { "tag", N_("ID [--stage S] [--role R…]"), N_("Set a tutorial's stage and roles"), wm_cli_tag },
  { "add-images", N_("ID FILE.png…"), N_("Add one manual step per image, in order"),
    wm_cli_add_images },
  { "delete", N_("ID"), N_("Delete a tutorial"), wm_cli_delete },
  { "publish", N_("[ID…] --to LOCATION"), N_("Publish approved tutorials to a shared library"),
    wm_cli_publish },
  { "export", N_("html|markdown|pdf ID -o PATH"), N_("Export a tutorial to share"),
    wm_cli_export },
  { "record", N_("--title T [--stage S] [--role R…] [--backend x11|portal]"),
    N_("Record clicks into a new tutorial until Ctrl+C"), wm_cli_record },
  { "submit", N_("ID [--message M] [--to LOCATION]"), N_("Send a draft for review"),
    wm_cli_submit },
  { "approve", N_("ID [--comment C]"), N_("Approve a tutorial in review"), wm_cli_approve },
  { "request-changes", N_("ID --comment C [--step N --comment C]…"),
    N_("Send a tutorial back with comments"), wm_cli_request_changes },
  { "back-to-draft", N_("ID [--message M]"), N_("Take a tutorial out of review"),
    wm_cli_back_to_draft },
  { "history", N_("ID [--json]"), N_("Who moved a tutorial through review, when and why"),
    wm_cli_history },
  { "diff", N_("ID [V1 V2]"), N_("What changed between two versions"), wm_cli_diff },
  { "setting", N_("KEY [VALUE]"), N_("Show or change a library setting"), wm_cli_setting },
  { "bundle", N_("ID -o FILE.waymark"), N_("Write a tutorial to one file to send"),
    wm_cli_bundle },
  { "import", N_("FILE.waymark…"), N_("Add tutorials someone sent, for review"),
    wm_cli_import },
  { "inbox", N_("--from LOCATION"), N_("List bundles waiting in a shared library's inbox"),
    wm_cli_inbox },
  { "signals", N_("[ID] | pull --from URL | import FILE.json"),
    N_("What readers did with published tutorials"), wm_cli_signals },
  { "--capture-step", "", N_("Take a step in the running recording (for a keyboard shortcut)"),
    wm_cli_capture_step },
};

static const WmCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];

  return NULL;
}

static void
print_overview (void)
{
  g_print ("%s\n  waymark                 %s\n  waymark COMMAND [OPTION…]\n\n%s\n",
           _("Usage:"), _("Start the app"), _("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-12s %-58s %s\n", commands[i].name, _(commands[i].parameters),
             _(commands[i].summary));

  g_print ("\n%s\n  --library PATH          %s\n  --version               %s\n\n%s\n",
           _("Options:"),
           _("The library file (default $WAYMARK_LIBRARY or ~/.local/share/waymark/library.db)"),
           _("Print the version"),
           _("Run “waymark COMMAND --help” for a command's options."));
}

WmStore *
wm_cli_get_store (WmCli   *cli,
                  GError **error)
{
  if (cli->store == NULL)
    cli->store = wm_store_open (wm_cli_get_library_path (cli), error);

  return cli->store;
}

const char *
wm_cli_get_library_path (WmCli *cli)
{
  if (cli->library_path == NULL)
    cli->library_path = wm_store_get_default_path ();

  return cli->library_path;
}

GOptionContext *
wm_cli_option_context (WmCli      *cli,
                       const char *command,
                       const char *parameter_string,
                       const char *summary)
{
  g_autofree char *params = g_strdup_printf ("%s%s%s", command,
                                             parameter_string ? " " : "",
                                             parameter_string ? parameter_string : "");
  GOptionEntry library_entries[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &cli->library_path,
      N_("The library file to use"), N_("PATH") },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (params);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, library_entries, GETTEXT_PACKAGE);

  return context;
}

gboolean
wm_cli_parse (WmCli           *cli,
              GOptionContext  *context,
              int             *argc,
              char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("waymark %s: %s (see “waymark %s --help”)\n", cli->command, error->message,
                  cli->command);
      return FALSE;
    }

  return TRUE;
}

/* One line, always: people read the first line and scripts read the exit code. */
static void
print_error_line (WmCli      *cli,
                  const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\n\r", ' ');
  g_printerr ("waymark%s%s: %s\n", cli->command ? " " : "", cli->command ? cli->command : "",
              line);
}

int
wm_cli_fail (WmCli      *cli,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  print_error_line (cli, message);
  return WM_CLI_FAILED;
}

int
wm_cli_fail_error (WmCli  *cli,
                   GError *error)
{
  print_error_line (cli, error->message);
  return WM_CLI_FAILED;
}

int
wm_cli_usage (WmCli      *cli,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("waymark %s: %s (see “waymark %s --help”)\n", cli->command, message,
              cli->command);
  return WM_CLI_USAGE;
}

/* Pulls a global `--library PATH` / `--library=PATH` that comes before the command. */
static int
take_global_options (WmCli   *cli,
                     int      argc,
                     char   **argv)
{
  int i = 1;

  while (i < argc)
    {
      if (g_str_equal (argv[i], "--library") && i + 1 < argc)
        {
          g_free (cli->library_path);
          cli->library_path = g_strdup (argv[i + 1]);
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--library="))
        {
          g_free (cli->library_path);
          cli->library_path = g_strdup (argv[i] + strlen ("--library="));
          i += 1;
        }
      else
        break;
    }

  return i;
}

static int
run_command (WmCli              *cli,
             const WmCliCommand *command,
             int                 argc,
             char              **argv)
{
  int rc;

  /* The command's own --library (parsed by its option context) overrides the global
   * one, and both override $WAYMARK_LIBRARY. */
  cli->command = command->name;
  rc = command->func (cli, argc, argv);
  g_clear_object (&cli->store);

  return rc;
}

/* A word that is not a command but a bundle, a path or a URI: never a mistyped command. */
/* Everything a command prints may hold an author's text (titles, names, messages, file
 * names from a share): a control character would let it move the cursor, recolour or
 * retitle the terminal, or fake a line. Each one but newline and tab is shown as \xNN
 * (C1 controls, U+0080–U+009F, as \u00NN), so text stays text on any terminal. */
static void
write_inert (FILE        *stream,
             const char  *text)
{
  g_autoptr(GString) out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar ch = (guchar) *p;

      if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f)
        g_string_append_printf (out, "\\x%02x", ch);
      else if (ch == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
        g_string_append_printf (out, "\\u%04x", (guchar) *++p);
      else
        g_string_append_c (out, (char) ch);
    }

  fputs (out->str, stream);
  fflush (stream);
}

static void
print_inert (const char *text)
{
  write_inert (stdout, text);
}

static void
printerr_inert (const char *text)
{
  write_inert (stderr, text);
}

static gboolean
names_file (const char *arg)
{
  return g_str_has_suffix (arg, WM_BUNDLE_SUFFIX) || strchr (arg, G_DIR_SEPARATOR) != NULL ||
         g_uri_peek_scheme (arg) != NULL;
}

int
wm_cli_run (int    argc,
            char **argv)
{
  WmCli cli = { 0 };
  const WmCliCommand *command;
  int first;
  int rc;

  first = take_global_options (&cli, argc, argv);

  /* No command: the app, on the --library given if any (it parses the option itself). */
  if (first >= argc || argv[first][0] == '\0')
    {
      g_free (cli.library_path);
      return -1;
    }

  if (g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h") ||
      g_str_equal (argv[first], "help"))
    {
      print_overview ();
      g_free (cli.library_path);
      return WM_CLI_OK;
    }

  if (g_str_equal (argv[first], "--version"))
    {
      g_print ("waymark %s\n", PACKAGE_VERSION);
      g_free (cli.library_path);
      return WM_CLI_OK;
    }

  g_set_print_handler (print_inert);
  g_set_printerr_handler (printerr_inert);

  command = find_command (argv[first]);
  if (command == NULL)
    {
      g_free (cli.library_path);
      /* Options (GApplication's own, --capture-step, …) and files to open
       * (`waymark FILE.waymark`, the desktop file's %U) belong to the app. */
      if (argv[first][0] == '-' || names_file (argv[first]))
        return -1;

      g_printerr ("waymark: unknown command “%s” (see “waymark --help”)\n", argv[first]);
      return WM_CLI_USAGE;
    }

  rc = run_command (&cli, command, argc - first, argv + first);
  g_free (cli.library_path);

  return rc;
}

void
wm_cli_json_add_string (JsonBuilder *b,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
wm_cli_json_print (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}
