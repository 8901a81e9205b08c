/* wm-cli-review.c — submit, approve, request-changes, back-to-draft, history and diff
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wm-bundle.h"
#include "wm-cli-commands.h"
#include "wm-diff.h"
#include "wm-review.h"

/* Identity -------------------------------------------------------------------------- */

/* A desktop app has no login: people say who they are (--as/--email, or $WAYMARK_AUTHOR
 * and $WAYMARK_EMAIL), else the account's real name is used. */
typedef struct {
  char *name;
  char *email;
} CliIdentity;

static void
identity_entries (CliIdentity    *id,
                  GOptionContext *context)
{
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &id->name,
      N_("Your name as the history records it (default $WAYMARK_AUTHOR or your account's "
         "name)"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &id->email,
      N_("Your email (default $WAYMARK_EMAIL)"), N_("EMAIL") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static WmIdentity
identity_resolve (CliIdentity *id)
{
  const char *env_name = g_getenv ("WAYMARK_AUTHOR");
  const char *env_email = g_getenv ("WAYMARK_EMAIL");
  WmIdentity who;

  who.name = id->name ? id->name : (env_name && *env_name ? env_name : g_get_real_name ());
  who.email = id->email ? id->email : (env_email && *env_email ? env_email : NULL);

  return who;
}

static void
identity_clear (CliIdentity *id)
{
  g_clear_pointer (&id->name, g_free);
  g_clear_pointer (&id->email, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliIdentity, identity_clear)

/* submit ---------------------------------------------------------------------------- */

int
wm_cli_submit (WmCli  *cli,
               int     argc,
               char  **argv)
{
  g_auto(CliIdentity) id = { NULL, NULL };
  g_autofree char *message = NULL, *to = NULL;
  GOptionEntry entries[] = {
    { "message", 'm', 0, G_OPTION_ARG_STRING, &message, N_("What the reviewer should know"),
      N_("TEXT") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Also drop a bundle into this shared library's review inbox"), N_("LOCATION") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "submit", "ID",
    _("Send a draft for review."));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GFile) location = NULL, sent = NULL;
  WmIdentity who;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  identity_entries (&id, context);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc != 2)
    return wm_cli_usage (cli, _("give one tutorial ID"));

  who = identity_resolve (&id);
  if (!(t = wm_cli_load_tutorial (cli, argv[1], FALSE, &error)))
    return wm_cli_fail_error (cli, error);

  if (to != NULL)
    {
      location = g_file_new_for_commandline_arg (to);
      if (g_file_query_file_type (location, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
        return wm_cli_fail (cli, _("The library location “%s” is not a reachable folder"), to);
    }

  if (!wm_review_submit (wm_cli_get_store (cli, NULL), wm_tutorial_get_id (t), &who, message,
                         &error))
    return wm_cli_fail_error (cli, error);

  if (location != NULL &&
      !(sent = wm_bundle_send (wm_cli_get_store (cli, NULL), wm_tutorial_get_id (t), location,
                               &who, message, &error)))
    return wm_cli_fail (cli, _("Submitted here, but the bundle could not be sent: %s"),
                        error->message);

  g_print (_("Submitted “%s” (version %u) for review\n"), wm_tutorial_get_title (t),
           wm_tutorial_get_version (t));
  if (sent != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (sent);
      g_print (_("Sent to %s\n"), name);
    }

  return WM_CLI_OK;
}

/* approve, back-to-draft ------------------------------------------------------------ */

typedef gboolean (*DecisionFunc) (WmStore *, const char *, const WmIdentity *, const char *,
                                  GError **);

static int
run_decision (WmCli        *cli,
              int           argc,
              char        **argv,
              const char   *command,
              const char   *summary,
              const char   *option,
              DecisionFunc  func,
              const char   *done)
{
  g_auto(CliIdentity) id = { NULL, NULL };
  g_autofree char *text = NULL;
  GOptionEntry entries[] = {
    { option, 'm', 0, G_OPTION_ARG_STRING, &text, N_("Why, for the history"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, command, "ID", summary);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = NULL;
  WmIdentity who;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  identity_entries (&id, context);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc != 2)
    return wm_cli_usage (cli, _("give one tutorial ID"));

  who = identity_resolve (&id);
  if (!(t = wm_cli_load_tutorial (cli, argv[1], FALSE, &error)) ||
      !func (wm_cli_get_store (cli, NULL), wm_tutorial_get_id (t), &who, text, &error))
    return wm_cli_fail_error (cli, error);

  g_print (done, wm_tutorial_get_title (t), wm_tutorial_get_version (t));
  g_print ("\n");
  return WM_CLI_OK;
}

int
wm_cli_approve (WmCli  *cli,
                int     argc,
                char  **argv)
{
  return run_decision (cli, argc, argv, "approve", _("Approve a tutorial in review."),
                       "comment", wm_review_approve, _("Approved “%s” (version %u)"));
}

int
wm_cli_back_to_draft (WmCli  *cli,
                      int     argc,
                      char  **argv)
{
  return run_decision (cli, argc, argv, "back-to-draft",
                       _("Take a tutorial out of review, back to draft."), "message",
                       wm_review_back_to_draft, _("“%s” (version %u) is a draft again"));
}

/* request-changes ------------------------------------------------------------------- */

/* Takes the value of "--opt VALUE" or "--opt=VALUE" at argv[*i]; NULL if it is not @opt. */
static const char *
take_value (char      **argv,
            int         argc,
            int        *i,
            const char *opt,
            gboolean   *missing)
{
  gsize n = strlen (opt);

  if (strncmp (argv[*i], opt, n) != 0)
    return NULL;
  if (argv[*i][n] == '=')
    return argv[*i] + n + 1;
  if (argv[*i][n] != '\0')
    return NULL;
  if (*i + 1 >= argc)
    {
      *missing = TRUE;
      return NULL;
    }

  return argv[++*i];
}

/* GOptionContext cannot pair `--step N --comment C`, so those are taken out first: a
 * --comment right after a --step pins to that step, any other is the overall comment. */
static int
split_comments (WmCli       *cli,
                int          argc,
                char       **argv,
                GPtrArray   *rest,
                GPtrArray   *pins,
                char       **overall)
{
  for (int i = 0; i < argc; i++)
    {
      gboolean missing = FALSE;
      const char *step = take_value (argv, argc, &i, "--step", &missing);
      const char *comment;
      guint64 n = 0;

      if (step == NULL && !missing)
        {
          comment = take_value (argv, argc, &i, "--comment", &missing);
          if (comment == NULL && !missing)
            g_ptr_array_add (rest, argv[i]);
          else if (missing)
            return wm_cli_usage (cli, _("--comment needs a text"));
          else if (*overall != NULL)
            return wm_cli_usage (cli, _("give one overall --comment; pin others to steps with "
                                        "--step N --comment C"));
          else
            *overall = g_strdup (comment);
          continue;
        }

      if (missing || !g_ascii_string_to_unsigned (step, 10, 1, G_MAXUINT, &n, NULL))
        return wm_cli_usage (cli, _("--step needs a step number (1, 2, …)"));
      if (++i >= argc || !(comment = take_value (argv, argc, &i, "--comment", &missing)))
        return wm_cli_usage (cli, _("--step %s must be followed by --comment TEXT"), step);

      g_ptr_array_add (pins, wm_step_comment_new (NULL, (guint) n - 1, comment));
    }

  return WM_CLI_OK;
}

int
wm_cli_request_changes (WmCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_auto(CliIdentity) id = { NULL, NULL };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "request-changes",
    "ID --comment C [--step N --comment C]…",
    _("Send a tutorial in review back to its author with an overall comment and comments "
      "pinned to steps (numbered from 1)."));
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  g_autoptr(GPtrArray) pins = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_step_comment_free);
  g_autofree char *overall = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = NULL;
  char **rest_argv;
  int rest_argc, rc;
  WmIdentity who;

  rc = split_comments (cli, argc, argv, rest, pins, &overall);
  if (rc != WM_CLI_OK)
    return rc;

  identity_entries (&id, context);
  rest_argc = rest->len;
  g_ptr_array_add (rest, NULL);
  rest_argv = (char **) rest->pdata;
  if (!wm_cli_parse (cli, context, &rest_argc, &rest_argv))
    return WM_CLI_USAGE;
  if (rest_argc != 2)
    return wm_cli_usage (cli, _("give one tutorial ID"));
  if (overall == NULL)
    return wm_cli_usage (cli, _("--comment is required: say what should change"));

  who = identity_resolve (&id);
  if (!(t = wm_cli_load_tutorial (cli, rest_argv[1], FALSE, &error)) ||
      !wm_review_request_changes (wm_cli_get_store (cli, NULL), wm_tutorial_get_id (t), &who,
                                  overall, pins, &error))
    return wm_cli_fail_error (cli, error);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Requested changes to “%s” (version %u), %u step comment\n",
                        "Requested changes to “%s” (version %u), %u step comments\n", pins->len),
           wm_tutorial_get_title (t), wm_tutorial_get_version (t), pins->len);
  return WM_CLI_OK;
}

/* history --------------------------------------------------------------------------- */

static void
print_event (WmHistoryEvent *ev)
{
  g_autofree char *when = wm_cli_format_local (wm_history_event_get_at (ev));
  g_autofree char *who = wm_history_event_dup_identity (ev);
  GPtrArray *pins = wm_history_event_get_step_comments (ev);
  int from = wm_history_event_get_from_status (ev);

  g_print ("%s  v%-3u %s %s (%s%s%s)\n", when, wm_history_event_get_version (ev),
           who ? who : _("(someone)"), wm_history_event_get_action (ev),
           from == WM_HISTORY_NO_STATUS ? "" : wm_status_to_string (from),
           from == WM_HISTORY_NO_STATUS ? "" : " → ",
           wm_status_to_string (wm_history_event_get_to_status (ev)));
  if (wm_history_event_get_message (ev))
    g_print ("      “%s”\n", wm_history_event_get_message (ev));
  for (guint i = 0; i < pins->len; i++)
    {
      WmStepComment *c = g_ptr_array_index (pins, i);
      g_print ("      %s %u: “%s”\n", _("Step"), c->position + 1, c->comment);
    }
}

static void
build_event_json (JsonBuilder    *b,
                  WmHistoryEvent *ev)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (wm_history_event_get_at (ev) /
                                                           G_USEC_PER_SEC);
  g_autofree char *at = dt ? g_date_time_format_iso8601 (dt) : NULL;
  GPtrArray *pins = wm_history_event_get_step_comments (ev);
  int from = wm_history_event_get_from_status (ev);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, wm_history_event_get_version (ev));
  wm_cli_json_add_string (b, "from", from == WM_HISTORY_NO_STATUS ? NULL : wm_status_to_string (from));
  wm_cli_json_add_string (b, "to", wm_status_to_string (wm_history_event_get_to_status (ev)));
  wm_cli_json_add_string (b, "who", wm_history_event_get_who (ev));
  wm_cli_json_add_string (b, "email", wm_history_event_get_email (ev));
  wm_cli_json_add_string (b, "message", wm_history_event_get_message (ev));
  wm_cli_json_add_string (b, "at", at);
  json_builder_set_member_name (b, "step_comments");
  json_builder_begin_array (b);
  for (guint i = 0; i < pins->len; i++)
    {
      WmStepComment *c = g_ptr_array_index (pins, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "step");
      json_builder_add_int_value (b, c->position + 1);
      wm_cli_json_add_string (b, "step_id", c->step_id);
      wm_cli_json_add_string (b, "comment", c->comment);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

int
wm_cli_history (WmCli  *cli,
                int     argc,
                char  **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "history", "ID",
    _("Show every review transition of a tutorial: who, when and why."));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc != 2)
    return wm_cli_usage (cli, _("give one tutorial ID"));

  if (!(t = wm_cli_load_tutorial (cli, argv[1], FALSE, &error)) ||
      !(events = wm_review_list_history (wm_cli_get_store (cli, NULL), wm_tutorial_get_id (t),
                                         &error)))
    return wm_cli_fail_error (cli, error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < events->len; i++)
        build_event_json (b, g_ptr_array_index (events, i));
      json_builder_end_array (b);
      wm_cli_json_print (b);
      return WM_CLI_OK;
    }

  g_print ("%s — %s, %s %u\n", wm_tutorial_get_title (t),
           wm_status_get_title (wm_tutorial_get_status (t)), _("version"),
           wm_tutorial_get_version (t));
  if (events->len == 0)
    g_print ("%s\n", _("No review history yet."));
  for (guint i = 0; i < events->len; i++)
    print_event (g_ptr_array_index (events, i));

  return WM_CLI_OK;
}

/* diff ------------------------------------------------------------------------------ */

static const char *
instruction_of (WmStep *s)
{
  const char *text = wm_step_get_instruction (s);
  return text && *text ? text : _("(no instruction)");
}

static void
print_entry (const WmDiffEntry *e)
{
  static const struct { WmDiffChange flag; const char *label; } labels[] = {
    { WM_DIFF_MOVED, N_("moved") },
    { WM_DIFF_TEXT_CHANGED, N_("text changed") },
    { WM_DIFF_SCREENSHOT_CHANGED, N_("screenshot changed") },
    { WM_DIFF_ANNOTATIONS_CHANGED, N_("annotations changed") },
    { WM_DIFF_ACTION_CHANGED, N_("action changed") },
  };
  g_autoptr(GString) what = g_string_new (NULL);

  if (e->changes & WM_DIFF_ADDED)
    {
      g_print ("+ %s %u %s: %s\n", _("Step"), wm_step_get_position (e->new_step) + 1, _("added"),
               instruction_of (e->new_step));
      return;
    }
  if (e->changes & WM_DIFF_REMOVED)
    {
      g_print ("- %s %u %s: %s\n", _("Step"), wm_step_get_position (e->old_step) + 1,
               _("removed"), instruction_of (e->old_step));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (e->changes & labels[i].flag)
      g_string_append_printf (what, "%s%s", what->len ? ", " : "", _(labels[i].label));

  g_print ("~ %s %u", _("Step"), wm_step_get_position (e->new_step) + 1);
  if (wm_step_get_position (e->old_step) != wm_step_get_position (e->new_step))
    g_print (" (%s %u)", _("was"), wm_step_get_position (e->old_step) + 1);
  g_print (" %s\n", what->str);
  if (e->changes & WM_DIFF_TEXT_CHANGED)
    g_print ("    - %s\n    + %s\n", instruction_of (e->old_step), instruction_of (e->new_step));
}

static void
print_diff (WmDiff *diff,
            guint   v1,
            guint   v2)
{
  WmTutorial *a = wm_diff_get_old (diff), *b = wm_diff_get_new (diff);
  WmDiffFields fields = wm_diff_get_fields (diff);

  g_print (_("Changes from version %u to version %u of “%s”:\n"), v1, v2,
           wm_tutorial_get_title (b));
  if (wm_diff_is_empty (diff))
    g_print ("%s\n", _("No changes."));
  if (fields & WM_DIFF_FIELD_TITLE)
    g_print ("~ %s: “%s” → “%s”\n", _("Title"), wm_tutorial_get_title (a),
             wm_tutorial_get_title (b));
  if (fields & WM_DIFF_FIELD_SUMMARY)
    g_print ("~ %s\n", _("Summary changed"));
  if (fields & WM_DIFF_FIELD_STAGE)
    g_print ("~ %s: %s → %s\n", _("Stage"), wm_stage_to_string (wm_tutorial_get_stage (a)),
             wm_stage_to_string (wm_tutorial_get_stage (b)));
  if (fields & WM_DIFF_FIELD_ROLES)
    g_print ("~ %s\n", _("Roles changed"));

  for (guint i = 0; i < wm_diff_get_n_entries (diff); i++)
    {
      const WmDiffEntry *e = wm_diff_get_entry (diff, i);
      if (e->changes != WM_DIFF_UNCHANGED)
        print_entry (e);
    }
}

static gboolean
parse_version (const char *arg,
               guint      *out)
{
  guint64 v;

  if (arg[0] == 'v' || arg[0] == 'V')
    arg++;
  if (!g_ascii_string_to_unsigned (arg, 10, 1, G_MAXUINT, &v, NULL))
    return FALSE;

  *out = (guint) v;
  return TRUE;
}

int
wm_cli_diff (WmCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "diff", "ID [V1 V2]",
    _("Show what changed between two versions (default: since the approved or the previous "
      "version): steps added, removed, moved, text and screenshots changed."));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = NULL, a = NULL, b = NULL;
  g_autoptr(WmDiff) diff = NULL;
  guint v1 = 0, v2 = 0;

  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc != 2 && argc != 4)
    return wm_cli_usage (cli, _("give a tutorial ID, and optionally two versions"));
  if (argc == 4 && (!parse_version (argv[2], &v1) || !parse_version (argv[3], &v2)))
    return wm_cli_usage (cli, _("versions are numbers: 1, 2, …"));

  if (!(t = wm_cli_load_tutorial (cli, argv[1], FALSE, &error)))
    return wm_cli_fail_error (cli, error);

  if (argc == 2)
    {
      v2 = wm_tutorial_get_version (t);
      v1 = wm_review_default_base (t);
      if (v1 == 0)
        return wm_cli_fail (cli, _("“%s” has only one version; nothing to compare"),
                            wm_tutorial_get_title (t));
    }

  if (!(a = wm_review_load_version (wm_cli_get_store (cli, NULL), wm_tutorial_get_id (t), v1,
                                    &error)) ||
      !(b = wm_review_load_version (wm_cli_get_store (cli, NULL), wm_tutorial_get_id (t), v2,
                                    &error)))
    return wm_cli_fail_error (cli, error);

  diff = wm_diff_new (a, b);
  print_diff (diff, v1, v2);

  return WM_CLI_OK;
}

/* setting --------------------------------------------------------------------------- */

/* Library-wide settings people may change; each with what it does and its values. */
static const struct {
  const char *key;
  const char *values[3];
  const char *summary;
} known_settings[] = {
  { WM_REVIEW_DISTINCT_APPROVER, { "true", "false", NULL },
    N_("Only someone other than the author may approve") },
};

int
wm_cli_setting (WmCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "setting", "KEY [VALUE]",
    _("Show or change a library-wide setting: review.distinct-approver true|false."));
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  WmStore *store;
  guint i;

  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc != 2 && argc != 3)
    return wm_cli_usage (cli, _("give a setting, and a value to change it"));

  for (i = 0; i < G_N_ELEMENTS (known_settings); i++)
    if (g_str_equal (known_settings[i].key, argv[1]))
      break;
  if (i == G_N_ELEMENTS (known_settings))
    return wm_cli_fail (cli, _("unknown setting “%s”; the settings are: %s"), argv[1],
                        WM_REVIEW_DISTINCT_APPROVER);
  if (argc == 3 && !g_strv_contains (known_settings[i].values, argv[2]))
    return wm_cli_fail (cli, _("“%s” takes true or false"), argv[1]);

  if (!(store = wm_cli_get_store (cli, &error)) ||
      (argc == 3 && !wm_store_set_setting (store, argv[1], argv[2], &error)))
    return wm_cli_fail_error (cli, error);

  value = wm_store_get_setting (store, argv[1]);
  g_print ("%s = %s  (%s)\n", argv[1], value ? value : known_settings[i].values[1],
           _(known_settings[i].summary));
  return WM_CLI_OK;
}
