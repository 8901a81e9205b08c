/* wm-cli-signals.c — `waymark signals [ID]`, `signals pull --from LRS`, `signals import FILE`
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-cli-commands.h"
#include "wm-xapi.h"

static char *
tutorial_title (WmStore    *store,
                const char *id)
{
  g_autoptr(WmTutorial) t = wm_store_load_tutorial (store, id, FALSE, NULL);

  /* Signals may name a tutorial this library does not have (another team's). */
  return g_strdup (t ? wm_tutorial_get_title (t) : id);
}

static void
print_summary (WmStore               *store,
               const WmSignalSummary *s)
{
  g_autofree char *title = tutorial_title (store, s->tutorial_id);
  g_autofree char *shown = wm_cli_printable (title);
  g_autofree char *median = wm_signal_format_duration (s->median_ms);
  guint drop = wm_signal_summary_drop_step (s);
  GString *funnel = g_string_new (NULL);

  /* TRANSLATORS: %1$s is a tutorial's title, %2$u its version */
  g_print (_("%1$s, version %2$u\n"), shown, s->version);
  /* TRANSLATORS: figures of one tutorial version: distinct readers, launches, readers who
   * finished, that share in percent, and the median time to finish */
  g_print (_("  Readers: %1$u · Starts: %2$u · Completed: %3$u (%4$.0f %%) · Median time: %5$s\n"),
           s->readers, s->starts, s->completions, 100 * wm_signal_summary_completion_rate (s),
           median);
  for (guint i = 0; i < s->funnel->len; i++)
    g_string_append_printf (funnel, "%s%u", i ? " → " : "", g_array_index (s->funnel, guint, i));
  if (s->funnel->len > 0)
    /* TRANSLATORS: %s lists how many readers reached step 1, 2, 3… */
    g_print (_("  Readers at each step: %s\n"), funnel->str);
  if (drop > 0)
    /* TRANSLATORS: %u is a step number */
    g_print (_("  Most readers leave after step %u\n"), drop);
  /* TRANSLATORS: answers to “Did this help?” */
  g_print (_("  Helped: %1$u yes, %2$u no\n"), s->helpful_yes, s->helpful_no);
  for (guint i = 0; i < s->comments->len; i++)
    {
      WmSignalComment *c = g_ptr_array_index (s->comments, i);
      g_autofree char *text = wm_cli_printable (c->text);
      g_autofree char *when = wm_cli_format_local (c->at);

      g_print ("    %s  %s  “%s”\n", when, c->helpful == 1 ? _("yes") : c->helpful == 0 ? _("no")
                                                                                  : "—", text);
    }
  g_string_free (funnel, TRUE);
}

static void
build_summary (JsonBuilder           *b,
               WmStore               *store,
               const WmSignalSummary *s)
{
  g_autofree char *title = tutorial_title (store, s->tutorial_id);

  json_builder_begin_object (b);
  wm_cli_json_add_string (b, "id", s->tutorial_id);
  wm_cli_json_add_string (b, "title", title);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, s->version);
  json_builder_set_member_name (b, "readers");
  json_builder_add_int_value (b, s->readers);
  json_builder_set_member_name (b, "starts");
  json_builder_add_int_value (b, s->starts);
  json_builder_set_member_name (b, "completions");
  json_builder_add_int_value (b, s->completions);
  json_builder_set_member_name (b, "completion_rate");
  json_builder_add_double_value (b, wm_signal_summary_completion_rate (s));
  json_builder_set_member_name (b, "median_ms");
  if (s->median_ms >= 0)
    json_builder_add_int_value (b, s->median_ms);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "funnel");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->funnel->len; i++)
    json_builder_add_int_value (b, g_array_index (s->funnel, guint, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "drop_step");
  json_builder_add_int_value (b, wm_signal_summary_drop_step (s));
  json_builder_set_member_name (b, "helpful_yes");
  json_builder_add_int_value (b, s->helpful_yes);
  json_builder_set_member_name (b, "helpful_no");
  json_builder_add_int_value (b, s->helpful_no);
  json_builder_set_member_name (b, "comments");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->comments->len; i++)
    {
      WmSignalComment *c = g_ptr_array_index (s->comments, i);
      g_autofree char *at = wm_cli_format_utc (c->at);

      json_builder_begin_object (b);
      wm_cli_json_add_string (b, "at", at);
      json_builder_set_member_name (b, "helpful");
      if (c->helpful >= 0)
        json_builder_add_boolean_value (b, c->helpful == 1);
      else
        json_builder_add_null_value (b);
      wm_cli_json_add_string (b, "comment", c->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static int
show_signals (WmCli      *cli,
              const char *arg,
              gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *id = NULL;
  WmStore *store;

  if (arg != NULL && !(id = wm_cli_resolve_id (cli, arg, &error)))
    return wm_cli_fail_error (cli, error);
  if (!(store = wm_cli_get_store (cli, &error)) ||
      !(summaries = wm_store_list_signal_summaries (store, id, &error)))
    return wm_cli_fail_error (cli, error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < summaries->len; i++)
        build_summary (b, store, g_ptr_array_index (summaries, i));
      json_builder_end_array (b);
      wm_cli_json_print (b);
      return WM_CLI_OK;
    }

  if (summaries->len == 0)
    g_print (_("No adoption signals yet: publish with --lrs, then “waymark signals pull”.\n"));
  for (guint i = 0; i < summaries->len; i++)
    print_summary (store, g_ptr_array_index (summaries, i));
  return WM_CLI_OK;
}

static int
pull_signals (WmCli            *cli,
              const WmXapiPull *pull)
{
  g_autoptr(GError) error = NULL;
  guint added = 0, read = 0;
  WmStore *store;

  if (!(store = wm_cli_get_store (cli, &error)) ||
      !wm_xapi_pull (store, pull, &added, &read, NULL, &error))
    return wm_cli_fail_error (cli, error);

  /* TRANSLATORS: %1$u statements were read from the LRS, %2$u of them were new signals */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Read %1$u statement, %2$u new signals kept\n",
                        "Read %1$u statements, %2$u new signals kept\n", read), read, added);
  return WM_CLI_OK;
}

static int
import_signals (WmCli      *cli,
                const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  guint added = 0, skipped = 0;
  WmStore *store;

  if (!(store = wm_cli_get_store (cli, &error)) ||
      !wm_xapi_import_file (store, file, &added, &skipped, &error))
    return wm_cli_fail_error (cli, error);

  /* TRANSLATORS: %1$u new signals were kept; %2$u statements were not Waymark's */
  g_print (_("%1$u new signals kept, %2$u other statements skipped\n"), added, skipped);
  return WM_CLI_OK;
}

int
wm_cli_signals (WmCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *from = NULL, *user = NULL, *password = NULL, *key = NULL, *since = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the figures as JSON"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("pull: the LRS’s xAPI address"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("pull: the LRS user (Basic)"), N_("USER") },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password, N_("pull: the LRS password"),
      N_("PASSWORD") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_("pull: an LRS key (Basic credentials)"),
      N_("KEY") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      N_("pull: statements stored after this time (ISO 8601; default: where the last pull "
         "stopped)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "signals",
    "[ID] | pull --from URL | import FILE.json",
    _("What readers did with the published tutorials (see README, “Adoption signals”):\n"
      "  signals [ID]   readers, starts, completions, median time, readers at each step,\n"
      "                 whether it helped, and comments, per tutorial and version\n"
      "  signals pull --from URL [--user U --password P | --key K] [--since DATE]\n"
      "                 read new statements from the LRS the library was published with\n"
      "  signals import FILE.json\n"
      "                 read statements an LRS exported"));

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;

  if (argc >= 2 && g_str_equal (argv[1], "pull"))
    {
      WmXapiPull pull = { from, user, password, key, since };
      g_autoptr(GDateTime) since_time = since ? g_date_time_new_from_iso8601 (since, NULL) : NULL;

      if (argc != 2 || from == NULL)
        return wm_cli_usage (cli, _("give the LRS with --from URL"));
      if (key != NULL && user != NULL)
        return wm_cli_usage (cli, _("give either --key or --user and --password"));
      if (since != NULL && since_time == NULL)
        return wm_cli_usage (cli, _("--since takes a time like 2026-12-01T00:00:00Z"));
      return pull_signals (cli, &pull);
    }
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    {
      if (argc != 3)
        return wm_cli_usage (cli, _("give one file of statements"));
      return import_signals (cli, argv[2]);
    }
  if (argc > 2)
    return wm_cli_usage (cli, _("give at most one tutorial ID"));

  return show_signals (cli, argc == 2 ? argv[1] : NULL, json);
}
