/* test-cli.c — `waymark` subcommands as people and scripts run them, with no display
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "wm-test.h"

typedef struct {
  WmTestLibrary lib;
  WmTestRun     run;
} Cli;

static void
cli_setup (Cli           *c,
           gconstpointer  data)
{
  wm_test_library_init (&c->lib, "cli");
}

static void
cli_teardown (Cli           *c,
              gconstpointer  data)
{
  wm_test_library_clear (&c->lib);
  wm_test_run_clear (&c->run);
}

/* Runs waymark with @args (NULL-terminated) against the fixture's library, without any
 * display, as on a server. */
static int
cli_run_argv (Cli         *c,
              const char **args)
{
  return wm_test_run_waymark (&c->run, c->lib.path, NULL, args);
}

#define RUN(c, ...) cli_run_argv ((c), (const char *[]) { __VA_ARGS__, NULL })

static void
assert_one_error_line (Cli        *c,
                       const char *needle)
{
  g_assert_cmpstr (c->run.out, ==, "");
  g_assert_true (g_str_has_suffix (c->run.err, "\n"));
  g_assert_true (strchr (c->run.err, '\n') == c->run.err + strlen (c->run.err) - 1);   /* one line */
  if (needle)
    g_assert_nonnull (strstr (c->run.err, needle));
}

static char *
cli_new (Cli        *c,
         const char *title)
{
  g_assert_cmpint (RUN (c, "new", "--title", title, "--stage", "orientation",
                        "--role", "admin", "--role", "everyday user"), ==, 0);
  g_strchomp (c->run.out);
  g_assert_true (g_uuid_string_is_valid (c->run.out));
  return g_strdup (c->run.out);
}

static char *
write_png (Cli        *c,
           const char *name)
{
  /* A real 1×1 PNG. */
  static const guint8 png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
    0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x50,
    0x70, 0x48, 0xf8, 0x0f, 0x00, 0x03, 0x04, 0x01, 0xc0, 0x80, 0x28, 0x70, 0xda, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
  };
  char *path = g_build_filename (c->lib.dir, name, NULL);

  g_assert_true (g_file_set_contents (path, (const char *) png, sizeof png, NULL));
  return path;
}

static char *
fixture_screen (const char *name)
{
  char *path = g_build_filename (g_getenv ("WM_FIXTURE_SCREENS"), name, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* Tests --------------------------------------------------------------------------------- */

static void
test_new_list_show (Cli           *c,
                    gconstpointer  data)
{
  g_autofree char *id = cli_new (c, "Export a monthly report");
  g_autoptr(JsonNode) list = NULL;
  JsonObject *first;

  g_assert_cmpint (RUN (c, "list"), ==, 0);
  g_assert_nonnull (strstr (c->run.out, "Export a monthly report"));
  g_assert_nonnull (strstr (c->run.out, "orientation"));

  g_assert_cmpint (RUN (c, "list", "--json"), ==, 0);
  list = wm_test_parse_json (c->run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 1);
  first = json_array_get_object_element (json_node_get_array (list), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (first, "stage"), ==, "orientation");
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "draft");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "roles")), ==, 2);

  /* A unique prefix is enough. */
  g_assert_cmpint (RUN (c, "show", (char[9]) { id[0], id[1], id[2], id[3], id[4], id[5], 0 }),
                   ==, 0);
  g_assert_nonnull (strstr (c->run.out, "Orientation — How do I get started?"));
}

static void
test_tag (Cli           *c,
          gconstpointer  data)
{
  g_autofree char *id = cli_new (c, "Tag me");
  g_autoptr(JsonNode) shown = NULL;
  JsonObject *o;
  JsonArray *roles;

  g_assert_cmpint (RUN (c, "tag", id, "--stage", "competency", "--role", "support"), ==, 0);
  g_assert_cmpint (RUN (c, "show", id, "--json"), ==, 0);
  shown = wm_test_parse_json (c->run.out);
  o = json_node_get_object (shown);
  roles = json_object_get_array_member (o, "roles");
  g_assert_cmpstr (json_object_get_string_member (o, "stage"), ==, "competency");
  g_assert_cmpuint (json_array_get_length (roles), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (roles, 0), ==, "support");
}

static void
test_filters (Cli           *c,
              gconstpointer  data)
{
  g_autofree char *a = cli_new (c, "Invite your team");
  g_autofree char *b = cli_new (c, "Close the quarter");

  g_assert_cmpint (RUN (c, "tag", b, "--stage", "refresher-and-reinforcement", "--role",
                        "finance"), ==, 0);
  g_assert_cmpint (RUN (c, "list", "--stage", "refresher-and-reinforcement"), ==, 0);
  g_assert_nonnull (strstr (c->run.out, "Close the quarter"));
  g_assert_null (strstr (c->run.out, "Invite your team"));
  g_assert_cmpint (RUN (c, "list", "--role", "admin"), ==, 0);
  g_assert_nonnull (strstr (c->run.out, "Invite your team"));
  g_assert_null (strstr (c->run.out, "Close the quarter"));
  g_assert_cmpint (RUN (c, "list", "--search", "quart"), ==, 0);
  g_assert_nonnull (strstr (c->run.out, "Close the quarter"));
  g_assert_null (strstr (c->run.out, "Invite"));
  g_assert_cmpint (RUN (c, "list", "--status", "approved", "--json"), ==, 0);
  g_assert_cmpstr (g_strstrip (c->run.out), ==, "[]");
}

static void
test_add_images (Cli           *c,
                 gconstpointer  data)
{
  g_autofree char *id = cli_new (c, "With pictures");
  g_autofree char *small = write_png (c, "small.png");
  g_autofree char *desktop = fixture_screen ("desktop-widgets.png");
  g_autofree char *bad = g_build_filename (c->lib.dir, "notes.png", NULL);
  g_autoptr(JsonNode) shown = NULL;
  JsonArray *steps;

  g_assert_cmpint (RUN (c, "add-images", id, desktop, small), ==, 0);
  g_assert_cmpint (RUN (c, "show", id, "--json"), ==, 0);
  shown = wm_test_parse_json (c->run.out);
  steps = json_object_get_array_member (json_node_get_object (shown), "step_list");
  g_assert_cmpuint (json_array_get_length (steps), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 0),
                                                  "kind"), ==, "manual");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 1),
                                                  "instruction"), ==, "small.png");

  /* One bad file among good ones: nothing is added, and the line names the file. */
  g_assert_true (g_file_set_contents (bad, "meeting notes, not a picture", -1, NULL));
  g_assert_cmpint (RUN (c, "add-images", id, small, bad, desktop), ==, 1);
  assert_one_error_line (c, "notes.png");
  g_assert_cmpint (RUN (c, "list", "--json"), ==, 0);
  g_assert_nonnull (strstr (c->run.out, "\"steps\" : 2"));
}

static void
test_delete (Cli           *c,
             gconstpointer  data)
{
  g_autofree char *id = cli_new (c, "Short-lived");

  g_assert_cmpint (RUN (c, "delete", id), ==, 0);
  g_assert_nonnull (strstr (c->run.out, "Short-lived"));
  g_assert_cmpint (RUN (c, "list"), ==, 0);
  g_assert_nonnull (strstr (c->run.out, "No tutorials."));
  g_assert_cmpint (RUN (c, "delete", id), ==, 1);
  assert_one_error_line (c, "No tutorial");
}

static void
test_errors (Cli           *c,
             gconstpointer  data)
{
  g_autofree char *id = cli_new (c, "Errors");

  /* Failures: exit 1 and one line. An unknown stage lists the five. */
  g_assert_cmpint (RUN (c, "new", "--title", "X", "--stage", "expert"), ==, 1);
  assert_one_error_line (c, "first-exposure, orientation, ramp-and-practice, competency, "
                            "refresher-and-reinforcement");
  g_assert_cmpint (RUN (c, "list", "--status", "done"), ==, 1);
  assert_one_error_line (c, "draft, in-review, changes-requested, approved");
  g_assert_cmpint (RUN (c, "show", "0000"), ==, 1);
  assert_one_error_line (c, "No tutorial “0000”");
  g_assert_cmpint (RUN (c, "add-images", id, "/nonexistent/a.png"), ==, 1);
  assert_one_error_line (c, "/nonexistent/a.png");

  /* Bad usage: exit 2. */
  g_assert_cmpint (RUN (c, "frobnicate"), ==, 2);
  assert_one_error_line (c, "unknown command");
  g_assert_cmpint (RUN (c, "new"), ==, 2);
  assert_one_error_line (c, "--title");
  g_assert_cmpint (RUN (c, "list", "--colour"), ==, 2);
  assert_one_error_line (c, "--colour");
  g_assert_cmpint (RUN (c, "show"), ==, 2);
  g_assert_cmpint (RUN (c, "tag", id), ==, 2);
}

static void
test_help (Cli           *c,
           gconstpointer  data)
{
  const char *commands[] = { "list", "show", "new", "tag", "add-images", "delete" };

  g_assert_cmpint (RUN (c, "--help"), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;

      g_assert_nonnull (strstr (c->run.out, commands[i]));
      g_assert_cmpint (RUN (c, commands[i], "--help"), ==, 0);
      g_assert_nonnull (strstr (c->run.out, commands[i]));
      g_assert_nonnull (strstr (c->run.out, "--library"));
      g_assert_cmpint (RUN (c, "--help"), ==, 0);
    }
}

static void
test_library_option (Cli           *c,
                     gconstpointer  data)
{
  g_autofree char *other = g_build_filename (c->lib.dir, "nested", "team.db", NULL);

  g_assert_cmpint (RUN (c, "--library", other, "new", "--title", "Elsewhere"), ==, 0);
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_cmpint (RUN (c, "list", "--library", other), ==, 0);
  g_assert_nonnull (strstr (c->run.out, "Elsewhere"));
  g_assert_cmpint (RUN (c, "list"), ==, 0);   /* $WAYMARK_LIBRARY is untouched */
  g_assert_null (strstr (c->run.out, "Elsewhere"));
}

static void
test_corrupt_library (Cli           *c,
                      gconstpointer  data)
{
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (g_file_set_contents (c->lib.path, "definitely not SQLite, just some bytes "
                                      "that fill a page header or two ......", -1, NULL));
  g_file_get_contents (c->lib.path, &before, NULL, NULL);
  g_assert_cmpint (RUN (c, "list"), ==, 1);
  assert_one_error_line (c, "not a Waymark library");
  g_assert_cmpint (RUN (c, "new", "--title", "Overwrite?"), ==, 1);
  g_file_get_contents (c->lib.path, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
}

/* The status `waymark show --json` gives @id. */
static char *
cli_status (Cli        *c,
            const char *id)
{
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (RUN (c, "show", id, "--json"), ==, 0);
  root = wm_test_parse_json (c->run.out);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "status"));
}

/* A tutorial whose link name is another's short id (what `list` shows) must never be the
 * one a command acts on: full id first, then a unique prefix, then a link name, and a
 * prefix that is also another tutorial's link name is refused naming both. */
static void
test_id_lookup (Cli           *c,
                gconstpointer  data)
{
  static const char *alice[] = { "WAYMARK_AUTHOR=Alice", "WAYMARK_EMAIL=alice@example.org",
                                 NULL };
  g_autofree char *mine = cli_new (c, "Mine");
  g_autofree char *theirs = cli_new (c, "Theirs");
  g_autofree char *short_id = g_strndup (mine, 8);
  g_autofree char *status = NULL;
  g_autoptr(WmStore) store = wm_test_library_open (&c->lib);
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_store_set_slug (store, theirs, short_id, &error));
  g_assert_no_error (error);
  g_assert_true (wm_store_set_slug (store, mine, "my-guide", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  for (guint i = 0; i < 2; i++)
    {
      const char *who = i == 0 ? mine : theirs;
      const char *args[] = { "submit", who, NULL };
      g_autofree char *png = write_png (c, "step.png");

      g_assert_cmpint (RUN (c, "add-images", who, png), ==, 0);
      g_assert_cmpint (wm_test_run_waymark (&c->run, c->lib.path, alice, args), ==, 0);
    }

  g_assert_cmpint (RUN (c, "approve", short_id, "--as", "Bob"), ==, 1);
  assert_one_error_line (c, mine);
  g_assert_nonnull (strstr (c->run.err, theirs));
  status = cli_status (c, theirs);
  g_assert_cmpstr (status, ==, "in-review");
  g_clear_pointer (&status, g_free);

  /* The full id, a longer prefix, the other's own link name: each the one meant. */
  g_assert_cmpint (RUN (c, "show", mine), ==, 0);
  g_assert_nonnull (strstr (c->run.out, "Mine"));
  g_assert_cmpint (RUN (c, "show", "my-guide"), ==, 0);
  g_assert_nonnull (strstr (c->run.out, "Mine"));
  mine[13] = '\0';
  g_assert_cmpint (RUN (c, "approve", mine, "--as", "Bob"), ==, 0);
  status = cli_status (c, theirs);
  g_assert_cmpstr (status, ==, "in-review");
}

/* Commands run side by side wait for each other up to the busy timeout instead of
 * failing with "another program is writing" (the schema was read before the timeout was
 * set). */
static void
test_concurrent (Cli           *c,
                 gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) procs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *id = cli_new (c, "Shared");
  const char *waymark = g_getenv ("WM_WAYMARK");

  g_subprocess_launcher_setenv (launcher, "WAYMARK_LIBRARY", c->lib.path, TRUE);
  for (guint i = 0; i < 48; i++)
    {
      g_autoptr(GError) error = NULL;
      GSubprocess *p = i % 3 == 0
        ? g_subprocess_launcher_spawn (launcher, &error, waymark, "new", "--title", "Busy", NULL)
        : g_subprocess_launcher_spawn (launcher, &error, waymark, "list", NULL);

      g_assert_no_error (error);
      g_ptr_array_add (procs, p);
    }

  for (guint i = 0; i < procs->len; i++)
    {
      GSubprocess *p = g_ptr_array_index (procs, i);
      g_autofree char *err = NULL;

      g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, NULL, &err, NULL));
      if (g_subprocess_get_exit_status (p) != 0)
        g_error ("command %u of 48 failed: %s", i, err);
    }
}

/* A title is the author's text: on a terminal it must not move the cursor, recolour or
 * retitle the window. */
static void
test_escape_codes (Cli           *c,
                   gconstpointer  data)
{
  g_autofree char *id = cli_new (c, "Pay \033]0;pwned\007\033[2J\033[31minvoices\302\233");

  g_assert_cmpint (RUN (c, "list"), ==, 0);
  g_assert_null (strchr (c->run.out, '\033'));
  g_assert_null (strchr (c->run.out, '\007'));
  g_assert_null (strstr (c->run.out, "\302\233"));
  g_assert_nonnull (strstr (c->run.out, "Pay \\x1b]0;pwned\\x07\\x1b[2J\\x1b[31minvoices\\u009b"));

  g_assert_cmpint (RUN (c, "show", id), ==, 0);
  g_assert_null (strchr (c->run.out, '\033'));
  g_assert_nonnull (strstr (c->run.out, "\\x1b[31minvoices"));

  /* Errors too: an unknown command is echoed back. */
  g_assert_cmpint (RUN (c, "\033[31mred"), !=, 0);
  g_assert_null (strchr (c->run.err, '\033'));
  g_assert_nonnull (strstr (c->run.err, "\\x1b[31mred"));
}

/* Anyone who can write to a share names the files in its inbox: a newline in a name must not
 * print a fake entry. */
static void
test_inbox_names (Cli           *c,
                  gconstpointer  data)
{
  g_autofree char *share = g_build_filename (c->lib.dir, "share", NULL);
  g_autofree char *inbox = g_build_filename (share, "inbox", NULL);
  g_autofree char *name = g_build_filename (inbox, "x.waymark\n    “Approved payroll” v9, 1 steps, "
                                            "from the boss\n\033[2Jy.waymark", NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (g_mkdir_with_parents (inbox, 0700), ==, 0);
  g_assert_true (g_file_set_contents (name, "not a bundle", -1, NULL));

  g_assert_cmpint (RUN (c, "inbox", "--from", share), ==, 0);
  lines = g_strsplit (c->run.out, "\n", -1);
  /* The name on one line, the reason on the next, and nothing else. */
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (lines[0], "x.waymark"));
  g_assert_nonnull (strstr (lines[0], "Approved"));
  g_assert_null (strchr (lines[0], '\033'));
  g_assert_true (g_str_has_prefix (lines[1], "    "));
  g_assert_false (g_str_has_prefix (lines[1], "    “Approved"));
  g_assert_cmpstr (lines[2], ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/cli/" path, Cli, NULL, cli_setup, func, cli_teardown)
  ADD ("new-list-show", test_new_list_show);
  ADD ("tag", test_tag);
  ADD ("filters", test_filters);
  ADD ("add-images", test_add_images);
  ADD ("delete", test_delete);
  ADD ("errors", test_errors);
  ADD ("help", test_help);
  ADD ("library-option", test_library_option);
  ADD ("corrupt-library", test_corrupt_library);
  ADD ("id-lookup", test_id_lookup);
  ADD ("escape-codes", test_escape_codes);
  ADD ("inbox-names", test_inbox_names);
  ADD ("concurrent", test_concurrent);

  return g_test_run ();
}
