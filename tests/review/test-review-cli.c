/* test-review-cli.c — the review workflow through the command line, as people run it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "review-fixture.h"
#include "wm-review.h"

static const char *alice[] = { "WAYMARK_AUTHOR=Alice Author", "WAYMARK_EMAIL=alice@example.org",
                               NULL };

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
show (Fixture    *f,
      const char *id)
{
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (fixture_run (f, f->library, NULL, "show", id, "--json", NULL), ==, 0);
  root = parse_json (f->out);

  return json_object_ref (json_node_get_object (root));
}

static const char *
status_of (Fixture    *f,
           const char *id)
{
  g_autoptr(JsonObject) o = show (f, id);
  static char status[32];

  g_strlcpy (status, json_object_get_string_member (o, "status"), sizeof status);
  return status;
}

/* The author edits the instruction of one step, the way the app saves an edit. */
static void
edit_step (Fixture    *f,
           const char *id,
           guint       position,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (f->library, &error);
  g_autoptr(WmTutorial) t = wm_store_load_tutorial (store, id, TRUE, &error);

  g_assert_no_error (error);
  wm_step_set_instruction (wm_tutorial_get_step (t, position), text);
  g_assert_true (wm_store_save_tutorial (store, t, &error));
  g_assert_no_error (error);
}

static gboolean
queue_has (Fixture    *f,
           const char *status,
           const char *id)
{
  g_assert_cmpint (fixture_run (f, f->library, NULL, "list", "--status", status, NULL), ==, 0);
  return strstr (f->out, (char[9]) { id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7], 0 })
         != NULL;
}

static void
test_whole_cycle (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = fixture_record (f, f->library, "Export a monthly report", 4, 10);
  g_autoptr(JsonNode) history = NULL;
  JsonArray *events;
  JsonObject *ev;

  /* The author submits; the queue shows it. */
  g_assert_cmpint (fixture_run (f, f->library, alice, "submit", id, "--message",
                                "Ready for a first look", NULL), ==, 0);
  g_assert_cmpstr (status_of (f, id), ==, "in-review");
  g_assert_true (queue_has (f, "in-review", id));

  /* The reviewer comments on step 3 and requests changes. */
  g_assert_cmpint (fixture_run (f, f->library, NULL, "request-changes", id, "--as", "Bob Reviewer",
                                "--email", "bob@example.org", "--comment", "Nearly there",
                                "--step", "3", "--comment", "This clicks the wrong button",
                                NULL), ==, 0);
  g_assert_cmpstr (status_of (f, id), ==, "changes-requested");
  g_assert_true (queue_has (f, "changes-requested", id));
  g_assert_false (queue_has (f, "in-review", id));

  /* The author fixes step 3 and resubmits: a new version, the reviewed one kept. */
  edit_step (f, id, 2, "Click Export, not Print");
  g_assert_cmpstr (status_of (f, id), ==, "draft");
  g_assert_cmpint (fixture_run (f, f->library, alice, "submit", id, "-m", "Fixed step 3", NULL),
                   ==, 0);
  g_assert_cmpint (fixture_run (f, f->library, NULL, "approve", id, "--as", "Bob Reviewer",
                                "--email", "bob@example.org", "--comment", "Thanks!", NULL), ==, 0);
  g_assert_cmpstr (status_of (f, id), ==, "approved");

  /* History: every transition, with who, when and why, and the pinned comment. */
  g_assert_cmpint (fixture_run (f, f->library, NULL, "history", id, "--json", NULL), ==, 0);
  history = parse_json (f->out);
  events = json_node_get_array (history);
  g_assert_cmpuint (json_array_get_length (events), ==, 5);

  ev = json_array_get_object_element (events, 0);
  g_assert_cmpstr (json_object_get_string_member (ev, "to"), ==, "in-review");
  g_assert_cmpstr (json_object_get_string_member (ev, "who"), ==, "Alice Author");
  g_assert_cmpstr (json_object_get_string_member (ev, "email"), ==, "alice@example.org");
  g_assert_cmpstr (json_object_get_string_member (ev, "message"), ==, "Ready for a first look");
  g_assert_nonnull (json_object_get_string_member (ev, "at"));

  ev = json_array_get_object_element (events, 1);
  g_assert_cmpstr (json_object_get_string_member (ev, "to"), ==, "changes-requested");
  g_assert_cmpstr (json_object_get_string_member (ev, "who"), ==, "Bob Reviewer");
  g_assert_cmpstr (json_object_get_string_member (ev, "message"), ==, "Nearly there");
  {
    JsonArray *pins = json_object_get_array_member (ev, "step_comments");
    JsonObject *pin;

    g_assert_cmpuint (json_array_get_length (pins), ==, 1);
    pin = json_array_get_object_element (pins, 0);
    g_assert_cmpint (json_object_get_int_member (pin, "step"), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (pin, "comment"), ==,
                     "This clicks the wrong button");
  }

  ev = json_array_get_object_element (events, 2);
  g_assert_cmpstr (json_object_get_string_member (ev, "from"), ==, "changes-requested");
  g_assert_cmpstr (json_object_get_string_member (ev, "to"), ==, "draft");
  g_assert_cmpint (json_object_get_int_member (ev, "version"), ==, 2);

  ev = json_array_get_object_element (events, 3);
  g_assert_cmpstr (json_object_get_string_member (ev, "message"), ==, "Fixed step 3");
  ev = json_array_get_object_element (events, 4);
  g_assert_cmpstr (json_object_get_string_member (ev, "to"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (ev, "message"), ==, "Thanks!");
  g_assert_cmpint (json_object_get_int_member (ev, "version"), ==, 2);

  /* The readable history says the same. */
  g_assert_cmpint (fixture_run (f, f->library, NULL, "history", id, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Bob Reviewer <bob@example.org> requested changes"));
  g_assert_nonnull (strstr (f->out, "Step 3: “This clicks the wrong button”"));

  /* The diff shows what changed since the reviewed version. */
  g_assert_cmpint (fixture_run (f, f->library, NULL, "diff", id, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "from version 1 to version 2"));
  g_assert_nonnull (strstr (f->out, "~ Step 3 text changed"));
  g_assert_nonnull (strstr (f->out, "+ Click Export, not Print"));
  g_assert_null (strstr (f->out, "Step 1"));
  g_assert_cmpint (fixture_run (f, f->library, NULL, "diff", id, "2", "1", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "- Click Export, not Print"));

  /* Publishing shows the approved version, with the fix. */
  {
    g_autofree char *site = g_build_filename (f->dir, "site", NULL);
    g_autofree char *catalog_path = g_build_filename (site, "catalog.json", NULL);
    g_autofree char *catalog = NULL, *page = NULL;
    g_autofree char *page_path = g_build_filename (site, "t", "export-a-monthly-report",
                                                   "tutorial.json", NULL);

    g_assert_cmpint (fixture_run (f, f->library, NULL, "publish", "--to", site, "-q", NULL), ==, 0);
    g_assert_true (g_file_get_contents (catalog_path, &catalog, NULL, NULL));
    g_assert_nonnull (strstr (catalog, "Export a monthly report"));
    g_assert_nonnull (strstr (catalog, "\"version\" : 2"));
    g_assert_true (g_file_get_contents (page_path, &page, NULL, NULL));
    g_assert_nonnull (strstr (page, "Click Export, not Print"));
  }
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = fixture_record (f, f->library, "Usage", 2, 20);
  g_autofree char *before = NULL, *after = NULL;

  g_assert_cmpint (fixture_run (f, f->library, alice, "submit", id, NULL), ==, 0);
  before = fixture_library_digest (f->library);

  g_assert_cmpint (fixture_run (f, f->library, NULL, "request-changes", id, "--as", "Bob", NULL),
                   ==, 2);
  fixture_assert_error (f, "--comment is required");
  g_assert_cmpint (fixture_run (f, f->library, NULL, "request-changes", id, "--comment", "x",
                                "--step", "3", NULL), ==, 2);
  fixture_assert_error (f, "--step 3 must be followed by --comment");
  g_assert_cmpint (fixture_run (f, f->library, NULL, "request-changes", id, "--comment", "x",
                                "--step", "zero", "--comment", "y", NULL), ==, 2);
  fixture_assert_error (f, "--step needs a step number");
  g_assert_cmpint (fixture_run (f, f->library, NULL, "request-changes", id, "--as", "Bob",
                                "--comment", "x", "--step", "7", "--comment", "y", NULL), ==, 1);
  fixture_assert_error (f, "has no step 7 (it has 2)");
  g_assert_cmpint (fixture_run (f, f->library, alice, "submit", id, NULL), ==, 1);
  fixture_assert_error (f, "is already in review");
  g_assert_cmpint (fixture_run (f, f->library, NULL, "diff", id, NULL), ==, 1);
  fixture_assert_error (f, "has only one version");
  g_assert_cmpint (fixture_run (f, f->library, NULL, "approve", "nope", NULL), ==, 1);

  after = fixture_library_digest (f->library);
  g_assert_cmpstr (before, ==, after);
}

static void
test_distinct_approver (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = fixture_record (f, f->library, "Four eyes", 2, 30);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (fixture_run (f, f->library, NULL, "setting", "review.distinct-approver", "yes",
                                NULL), ==, 1);
  fixture_assert_error (f, "takes true or false");
  g_assert_cmpint (fixture_run (f, f->library, NULL, "setting", "review.distinct-approver", "true",
                                NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "review.distinct-approver = true"));

  g_assert_cmpint (fixture_run (f, f->library, alice, "submit", id, NULL), ==, 0);
  before = fixture_library_digest (f->library);

  /* The submitter cannot approve, by email or by name. */
  g_assert_cmpint (fixture_run (f, f->library, alice, "approve", id, NULL), ==, 1);
  fixture_assert_error (f, "requires someone other than the author");
  g_assert_cmpint (fixture_run (f, f->library, NULL, "approve", id, "--as", "Alice", NULL), ==, 1);
  fixture_assert_error (f, "requires someone other than the author");
  after = fixture_library_digest (f->library);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (status_of (f, id), ==, "in-review");

  g_assert_cmpint (fixture_run (f, f->library, NULL, "approve", id, "--as", "Bob",
                                "--email", "bob@example.org", NULL), ==, 0);
  g_assert_cmpstr (status_of (f, id), ==, "approved");

  /* Without the setting, authors may approve their own work (a team of one). */
  {
    g_autofree char *own = fixture_record (f, f->library, "Solo", 1, 40);

    g_assert_cmpint (fixture_run (f, f->library, NULL, "setting", "review.distinct-approver",
                                  "false", NULL), ==, 0);
    g_assert_cmpint (fixture_run (f, f->library, alice, "submit", own, NULL), ==, 0);
    g_assert_cmpint (fixture_run (f, f->library, alice, "approve", own, NULL), ==, 0);
  }
}

static void
test_edit_approved_starts_new_version (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *id = fixture_record (f, f->library, "Stays intact", 3, 50);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmTutorial) now = NULL, v1 = NULL;
  g_autofree char *png = fixture_write_png (f, 99, 320, 200);
  g_autoptr(GPtrArray) revisions = NULL;

  g_assert_cmpint (fixture_run (f, f->library, alice, "submit", id, NULL), ==, 0);
  g_assert_cmpint (fixture_run (f, f->library, NULL, "approve", id, "--as", "Bob", NULL), ==, 0);

  edit_step (f, id, 0, "A better first step");
  g_assert_cmpint (fixture_run (f, f->library, NULL, "add-images", id, png, NULL), ==, 0);

  store = wm_store_open (f->library, &error);
  g_assert_no_error (error);
  now = wm_store_load_tutorial (store, id, TRUE, &error);
  g_assert_cmpuint (wm_tutorial_get_version (now), ==, 2);
  g_assert_cmpuint (wm_tutorial_get_approved_version (now), ==, 1);
  g_assert_cmpint (wm_tutorial_get_status (now), ==, WM_STATUS_DRAFT);
  g_assert_cmpuint (wm_tutorial_get_n_steps (now), ==, 4);

  /* Version 1 is exactly what was approved, and cannot be replaced. */
  v1 = wm_store_load_revision (store, id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_tutorial_get_n_steps (v1), ==, 3);
  g_assert_cmpstr (wm_step_get_instruction (wm_tutorial_get_step (v1, 0)), ==, "screen-50.png");
  revisions = wm_store_list_revisions (store, id, &error);
  g_assert_cmpint (wm_revision_get_status (g_ptr_array_index (revisions, 0)), ==,
                   WM_STATUS_APPROVED);

  /* The diff between the approved and the new version. */
  g_clear_object (&store);
  g_assert_cmpint (fixture_run (f, f->library, NULL, "diff", id, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "from version 1 to version 2"));
  g_assert_nonnull (strstr (f->out, "~ Step 1 text changed"));
  g_assert_nonnull (strstr (f->out, "+ Step 4 added"));
  g_assert_cmpint (fixture_run (f, f->library, NULL, "list", "--status", "approved", NULL), ==, 0);
  g_assert_null (strstr (f->out, "Stays intact"));

  /* Published meanwhile, readers get the approved version 1, not the draft. */
  {
    g_autofree char *site = g_build_filename (f->dir, "site", NULL);
    g_autofree char *page_path = g_build_filename (site, "t", "stays-intact", "tutorial.json",
                                                   NULL);
    g_autofree char *page = NULL;

    g_assert_cmpint (fixture_run (f, f->library, NULL, "publish", "--to", site, "-q", NULL), ==,
                     0);
    g_assert_true (g_file_get_contents (page_path, &page, NULL, NULL));
    g_assert_nonnull (strstr (page, "screen-50.png"));
    g_assert_null (strstr (page, "A better first step"));
    g_assert_null (strstr (page, "screen-99.png"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/review/cli/whole-cycle", test_whole_cycle);
  ADD ("/review/cli/usage-errors", test_usage_errors);
  ADD ("/review/cli/distinct-approver", test_distinct_approver);
  ADD ("/review/cli/edit-approved-starts-new-version", test_edit_approved_starts_new_version);
#undef ADD

  return g_test_run ();
}
