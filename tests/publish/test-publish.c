/* test-publish.c — what `waymark publish` writes: layout, escaping, incremental, atomic,
 * concurrent, and the errors of locations it cannot use
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "publish-fixture.h"
#include "wm-site-catalog.h"
#include "wm-site-location.h"
#include "wm-site-lock.h"
#include "wm-site-publisher.h"
#include "wm-test.h"

typedef struct {
  char      *tmp;
  char      *site;
  char      *db;
  WmStore   *store;
  GPtrArray *ids;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->tmp = wm_test_make_dir ("publish");
  f->site = g_build_filename (f->tmp, "site", NULL);
  f->db = g_build_filename (f->tmp, "library.db", NULL);
  f->store = wm_store_open (f->db, &error);
  g_assert_no_error (error);
  f->ids = fixture_make_library (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->ids, g_ptr_array_unref);
  wm_test_remove_dir (f->tmp);
  g_free (f->tmp);
  g_free (f->site);
  g_free (f->db);
}

static gboolean
publish_to (WmStore     *store,
            const char  *location,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (location);
  g_autoptr(WmSitePublisher) publisher = wm_site_publisher_new (store, file);

  return wm_site_publisher_publish (publisher, NULL, NULL, error);
}

static char *
read_site (Fixture    *f,
           const char *path)
{
  g_autofree char *full = g_build_filename (f->site, path, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (full, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static gboolean
site_has (Fixture    *f,
          const char *path)
{
  g_autofree char *full = g_build_filename (f->site, path, NULL);

  return g_file_test (full, G_FILE_TEST_EXISTS);
}

static JsonObject *
load_json (const char *site,
           const char *name)
{
  g_autofree char *path = g_build_filename (site, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* "catalog/0a.js" for the part that lists @id. */
static char *
part_of (const char *id,
         const char *suffix)
{
  return wm_site_catalog_part_path (wm_site_catalog_part_of (id), suffix);
}

/* catalog.json with every entry of the parts it names gathered as "tutorials", as a reader
 * of the library would; each entry must sit in its own part, and each part have its script. */
static JsonObject *
load_catalog (const char *site)
{
  JsonObject *catalog = load_json (site, "catalog.json");
  JsonArray *parts = json_object_get_array_member (catalog, "parts");
  JsonArray *all = json_array_new ();
  guint n = 0;

  g_assert_cmpuint (json_array_get_length (parts), ==, WM_SITE_CATALOG_N_PARTS);
  for (guint i = 0; i < json_array_get_length (parts); i++)
    {
      const char *name = json_array_get_string_element (parts, i);
      g_autoptr(JsonObject) part = load_json (site, name);
      JsonArray *tutorials = json_object_get_array_member (part, "tutorials");
      g_autofree char *script_name = wm_site_catalog_part_path (i, ".js");
      g_autofree char *script = g_build_filename (site, script_name, NULL);

      g_assert_true (g_file_test (script, G_FILE_TEST_IS_REGULAR));
      for (guint j = 0; j < json_array_get_length (tutorials); j++)
        {
          JsonObject *entry = json_array_get_object_element (tutorials, j);
          g_autofree char *own = part_of (json_object_get_string_member (entry, "id"), ".json");

          g_assert_cmpstr (own, ==, name);
          json_array_add_object_element (all, json_object_ref (entry));
          n++;
        }
    }
  json_object_set_int_member (catalog, "parts_total", n);
  json_object_set_array_member (catalog, "tutorials", all);

  return catalog;
}

static JsonObject *
find_entry (JsonObject *catalog,
            const char *id)
{
  JsonArray *tutorials = json_object_get_array_member (catalog, "tutorials");

  for (guint i = 0; i < json_array_get_length (tutorials); i++)
    {
      JsonObject *entry = json_array_get_object_element (tutorials, i);
      if (g_str_equal (json_object_get_string_member (entry, "id"), id))
        return entry;
    }
  return NULL;
}

static char *
slug_of (WmStore    *store,
         const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = wm_store_load_tutorial (store, id, FALSE, &error);

  g_assert_no_error (error);
  return g_strdup (wm_tutorial_get_slug (t));
}

/* path → "mtime.nsec inode" of every file under @dir. */
static void
collect_stamps (GFile      *root,
                GFile      *dir,
                GHashTable *stamps)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (dir, "standard::*,time::*,unix::inode",
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  g_assert_nonnull (children);
  while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        collect_stamps (root, child, stamps);
      else
        g_hash_table_insert (stamps, g_file_get_relative_path (root, child),
                             g_strdup_printf ("%" G_GUINT64_FORMAT ".%u %" G_GUINT64_FORMAT,
                               g_file_info_get_attribute_uint64 (info, "time::modified"),
                               g_file_info_get_attribute_uint32 (info, "time::modified-nsec"),
                               g_file_info_get_attribute_uint64 (info, "unix::inode")));
    }
}

static GHashTable *
stamps_of (const char *site)
{
  g_autoptr(GFile) root = g_file_new_for_path (site);
  GHashTable *stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  collect_stamps (root, root, stamps);
  return stamps;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The files whose stamp moved or that appeared, sorted, one per line. */
static char *
changed_files (GHashTable *before,
               GHashTable *after)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer path, stamp;
  GString *out = g_string_new (NULL);

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &path, &stamp))
    if (g_strcmp0 (g_hash_table_lookup (before, path), stamp) != 0)
      g_ptr_array_add (changed, path);
  g_ptr_array_sort (changed, compare_paths);
  for (guint i = 0; i < changed->len; i++)
    g_string_append_printf (out, "%s\n", (char *) changed->pdata[i]);

  return g_string_free (out, FALSE);
}

/* --- Layout -------------------------------------------------------------------------- */

static void
test_layout (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) catalog = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *index = NULL;
  g_autofree char *page = NULL;
  g_autofree char *feed = NULL;
  g_autofree char *draft_slug = NULL;
  JsonObject *entry;

  g_assert_true (publish_to (f->store, f->site, &error));
  g_assert_no_error (error);

  catalog = load_catalog (f->site);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (catalog, "tutorials")),
                    ==, 4);
  slug = slug_of (f->store, f->ids->pdata[1]);
  g_assert_cmpstr (slug, ==, "invite-your-first-teammate");
  entry = find_entry (catalog, f->ids->pdata[1]);
  g_assert_nonnull (entry);
  g_assert_cmpstr (json_object_get_string_member (entry, "slug"), ==, slug);
  g_assert_cmpstr (json_object_get_string_member (entry, "title"), ==,
                   "Invite your first teammate");
  g_assert_cmpstr (json_object_get_string_member (entry, "stage"), ==, "orientation");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (entry, "roles"),
                                                  0), ==, "admin");
  g_assert_cmpint (json_object_get_int_member (entry, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (entry, "url"), ==,
                   "t/invite-your-first-teammate/");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (entry, "thumbnail"),
                                   "images/thumbs/"));
  g_assert_true (site_has (f, json_object_get_string_member (entry, "thumbnail")));
  g_assert_true (json_object_has_member (entry, "summary"));
  g_assert_true (json_object_has_member (entry, "updated"));

  /* The draft is nowhere, and got no link. */
  g_assert_null (find_entry (catalog, f->ids->pdata[4]));
  draft_slug = slug_of (f->store, f->ids->pdata[4]);
  g_assert_null (draft_slug);

  for (const char * const *p = (const char * const[]) {
         "index.html", "catalog.json", "catalog/00.json", "catalog/3f.js", "feed.atom",
         "widget.js",
         "t/invite-your-first-teammate/index.html", "t/invite-your-first-teammate/embed/index.html",
         "t/invite-your-first-teammate/v1/index.html",
         "t/invite-your-first-teammate/v1/embed/index.html",
         "t/invite-your-first-teammate/tutorial.json", NULL }; *p; p++)
    g_assert_true (site_has (f, *p));

  index = read_site (f, "index.html");
  g_assert_nonnull (strstr (index, "Content-Security-Policy"));
  /* The page loads every part; the tutorial's own part lists it (the cards are made from
   * the parts in the browser: tests/browser). */
  g_assert_nonnull (strstr (index, "<script src=\"catalog/00.js\"></script>"));
  g_assert_nonnull (strstr (index, "<script src=\"catalog/3f.js\"></script>"));
  {
    g_autofree char *name = part_of (f->ids->pdata[1], ".js");
    g_autofree char *script = read_site (f, name);
    g_assert_nonnull (strstr (script, "\"slug\":\"invite-your-first-teammate\""));
    g_assert_nonnull (strstr (script, "window.WaymarkCatalog"));
  }
  g_assert_null (strstr (index, "Unfinished draft"));
  {
    g_autofree char *json = read_site (f, "catalog.json");
    g_assert_null (strstr (json, "Unfinished draft"));
  }
  for (guint s = 0; s < WM_N_STAGES; s++)
    if (s != WM_STAGE_COMPETENCY)
      g_assert_nonnull (strstr (index, wm_stage_get_title (s)));

  page = read_site (f, "t/invite-your-first-teammate/index.html");
  g_assert_nonnull (strstr (page, "Content-Security-Policy"));
  g_assert_nonnull (strstr (page, "Copy embed code"));
  g_assert_nonnull (strstr (page, "embed/&quot;"));
  /* Images are shared, content-addressed files, referenced from the page's model. */
  g_assert_nonnull (strstr (page, "images/"));

  feed = read_site (f, "feed.atom");
  g_assert_nonnull (strstr (feed, "<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
  g_assert_nonnull (strstr (feed, "Invite your first teammate"));
}

static void
test_images_shared (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const roles[] = { "admin", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *images = NULL;
  g_autoptr(WmTutorial) copy = NULL;
  guint n_before = 0, n_after = 0;

  g_assert_true (publish_to (f->store, f->site, &error));
  images = g_build_filename (f->site, "images", NULL);
  dir = g_dir_open (images, 0, NULL);
  while (g_dir_read_name (dir))
    n_before++;
  g_assert_cmpuint (n_before, ==, 2 + 3 + 4 + 3 + 1);   /* and thumbs/ */

  /* Same screenshots (seed 11…) in another tutorial: no new image file. */
  copy = fixture_add_tutorial (f->store, "Invite again", "Same screens", WM_STAGE_ORIENTATION,
                               roles, 3, 11);
  fixture_approve (f->store, wm_tutorial_get_id (copy));
  g_assert_true (publish_to (f->store, f->site, &error));
  g_assert_no_error (error);
  g_dir_rewind (dir);
  while (g_dir_read_name (dir))
    n_after++;
  g_assert_cmpuint (n_after, ==, n_before);
}

/* --- Untrusted text ------------------------------------------------------------------ */

static void
test_escaping (Fixture       *f,
               gconstpointer  data)
{
  static const char * const roles[] = { "<b>role</b>\"", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = fixture_add_tutorial (f->store,
    "</script><script>alert(1)</script>", "<img src=x onerror=alert(2)> & \"quotes\"\x01\x1b",
    WM_STAGE_ORIENTATION, roles, 1, 77);
  g_autofree char *slug = NULL, *path = NULL, *page = NULL, *embed = NULL, *index = NULL;
  g_autofree char *feed = NULL, *script = NULL;

  fixture_approve (f->store, wm_tutorial_get_id (t));
  g_assert_true (publish_to (f->store, f->site, &error));
  g_assert_no_error (error);
  slug = slug_of (f->store, wm_tutorial_get_id (t));
  g_assert_cmpstr (slug, ==, "script-script-alert-1-script");

  path = g_strdup_printf ("t/%s/index.html", slug);
  page = read_site (f, path);
  g_free (path);
  path = g_strdup_printf ("t/%s/embed/index.html", slug);
  embed = read_site (f, path);
  index = read_site (f, "index.html");
  feed = read_site (f, "feed.atom");
  {
    g_autofree char *name = part_of (wm_tutorial_get_id (t), ".js");
    script = read_site (f, name);
  }

  for (const char *text[] = { page, embed, index, feed }, **p = text; p < text + 4; p++)
    {
      g_assert_null (strstr (*p, "<script>alert"));
      g_assert_null (strstr (*p, "<img src=x"));
      g_assert_null (strstr (*p, "<b>role"));
    }
  /* Exactly one closing tag per script element: the model cannot end its own. */
  g_assert_nonnull (strstr (page, "&lt;/script&gt;&lt;script&gt;alert(1)"));
  g_assert_nonnull (strstr (page, "\\u003c/script\\u003e"));
  g_assert_null (strstr (script, "</script"));
  g_assert_nonnull (strstr (script, "\\u003cimg src=x"));
  /* Control characters would make the feed invalid XML 1.0, refused whole by feed readers. */
  g_assert_null (strstr (feed, "&#x1;"));
  g_assert_null (strstr (feed, "&#x1b;"));
  g_assert_nonnull (strstr (feed, "&quot;quotes&quot;  </summary>"));
}

/* --- Incremental and versions -------------------------------------------------------- */

static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  const char *id = f->ids->pdata[2];
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) first = NULL, second = NULL, third = NULL;
  g_autofree char *none = NULL, *changed = NULL, *page = NULL, *old = NULL;
  g_autoptr(GFile) location = g_file_new_for_path (f->site);
  g_autoptr(WmSitePublisher) publisher = wm_site_publisher_new (f->store, location);
  g_autoptr(JsonObject) catalog = NULL;

  g_assert_true (wm_site_publisher_publish (publisher, NULL, NULL, &error));
  g_assert_cmpuint (wm_site_publisher_get_n_published (publisher), ==, 4);
  first = stamps_of (f->site);

  /* Nothing changed: nothing written. */
  g_assert_true (wm_site_publisher_publish (publisher, NULL, NULL, &error));
  g_assert_cmpuint (wm_site_publisher_get_n_published (publisher), ==, 0);
  g_assert_cmpuint (wm_site_publisher_get_n_unchanged (publisher), ==, 4);
  g_assert_cmpuint (wm_site_publisher_get_n_files_written (publisher), ==, 0);
  second = stamps_of (f->site);
  none = changed_files (first, second);
  g_assert_cmpstr (none, ==, "");

  /* An edit under review keeps the approved version live: still nothing to write. (A second
   * later, so the catalogue's "updated" visibly moves.) */
  g_usleep (G_USEC_PER_SEC + 100 * 1000);
  fixture_edit (f->store, id, 0, "Open the Reports menu (new wording)");
  g_assert_true (wm_site_publisher_publish (publisher, NULL, NULL, &error));
  g_assert_cmpuint (wm_site_publisher_get_n_files_written (publisher), ==, 0);

  /* Re-approved: only its pages, its new version and the catalogue move. */
  fixture_approve (f->store, id);
  g_assert_true (wm_site_publisher_publish (publisher, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_site_publisher_get_n_published (publisher), ==, 1);
  third = stamps_of (f->site);
  changed = changed_files (second, third);
  {
    g_autofree char *json_part = part_of (id, ".json");
    g_autofree char *script_part = part_of (id, ".js");
    g_autofree char *expected = g_strdup_printf ("catalog.json\n%s\n%s\nfeed.atom\n",
                                                 script_part, json_part);
    g_assert_true (g_str_has_prefix (changed, expected));
  }
  g_assert_cmpstr (strstr (changed, "feed.atom\n") + strlen ("feed.atom\n"), ==,
                   "t/export-a-report-as-pdf/embed/index.html\n"
                   "t/export-a-report-as-pdf/index.html\n"
                   "t/export-a-report-as-pdf/tutorial.json\n"
                   "t/export-a-report-as-pdf/v2/embed/index.html\n"
                   "t/export-a-report-as-pdf/v2/index.html\n");

  page = read_site (f, "t/export-a-report-as-pdf/index.html");
  g_assert_nonnull (strstr (page, "Open the Reports menu (new wording)"));
  old = read_site (f, "t/export-a-report-as-pdf/v1/index.html");
  g_assert_null (strstr (old, "new wording"));
  g_assert_nonnull (strstr (page, "v1/index.html\">1</a>"));
  catalog = load_catalog (f->site);
  g_assert_cmpint (json_object_get_int_member (find_entry (catalog, id), "version"), ==, 2);
}

static void
test_slug_fixed (Fixture       *f,
                 gconstpointer  data)
{
  const char *id = f->ids->pdata[1];
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *page = NULL;

  g_assert_true (publish_to (f->store, f->site, &error));
  t = wm_store_load_tutorial (f->store, id, FALSE, &error);
  wm_tutorial_set_title (t, "Add people to your workspace");
  wm_tutorial_set_version (t, wm_tutorial_get_version (t) + 1);
  g_assert_true (wm_store_save_tutorial (f->store, t, &error));
  fixture_approve (f->store, id);
  g_assert_true (publish_to (f->store, f->site, &error));
  g_assert_no_error (error);

  slug = slug_of (f->store, id);
  g_assert_cmpstr (slug, ==, "invite-your-first-teammate");
  page = read_site (f, "t/invite-your-first-teammate/index.html");
  g_assert_nonnull (strstr (page, "<h1>Add people to your workspace</h1>"));
  g_assert_false (site_has (f, "t/add-people-to-your-workspace"));
}

static void
test_slug_unique (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const roles[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) twin = fixture_add_tutorial (f->store, "Invite your first teammate!",
                                                     "Same title", WM_STAGE_ORIENTATION, roles,
                                                     1, 50);
  g_autofree char *slug = NULL;

  fixture_approve (f->store, wm_tutorial_get_id (twin));
  g_assert_true (publish_to (f->store, f->site, &error));
  g_assert_no_error (error);
  slug = slug_of (f->store, wm_tutorial_get_id (twin));
  g_assert_cmpstr (slug, ==, "invite-your-first-teammate-2");
}

static void
test_only_approved_ids (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) location = g_file_new_for_path (f->site);
  g_autoptr(WmSitePublisher) publisher = wm_site_publisher_new (f->store, location);
  const char *draft[] = { f->ids->pdata[4], NULL };
  const char *one[] = { f->ids->pdata[0], NULL };

  g_assert_false (wm_site_publisher_publish (publisher, draft, NULL, &error));
  g_assert_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_NOT_APPROVED);
  g_assert_false (site_has (f, "catalog.json"));
  g_clear_error (&error);

  g_assert_true (wm_site_publisher_publish (publisher, one, NULL, &error));
  g_assert_cmpuint (wm_site_publisher_get_n_published (publisher), ==, 1);
  g_assert_true (site_has (f, "t/why-teams-use-reports/index.html"));
  g_assert_false (site_has (f, "t/invite-your-first-teammate"));
}

/* --- Locations ----------------------------------------------------------------------- */

static void
test_file_uri (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (f->site, NULL, NULL);

  g_assert_true (publish_to (f->store, uri, &error));
  g_assert_no_error (error);
  g_assert_true (site_has (f, "t/rotate-the-api-keys/index.html"));
}

static void
assert_refused (Fixture    *f,
                const char *location,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (publish_to (f->store, location, &error));
  g_assert_nonnull (error);
  g_test_message ("%s → %s", location, error->message);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_unusable_locations (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->tmp, "a-file", NULL);
  g_autofree char *deep = g_build_filename (f->tmp, "no", "such", "folder", NULL);
  g_autofree char *other = g_build_filename (f->tmp, "other", NULL);
  g_autofree char *other_file = g_build_filename (other, "notes.txt", NULL);

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  assert_refused (f, file, "not a folder");
  assert_refused (f, deep, "Cannot publish to");
  g_assert_false (g_file_test (deep, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_mkdir (other, 0755), ==, 0);
  g_assert_true (g_file_set_contents (other_file, "mine", 4, NULL));
  assert_refused (f, other, "holds other files");

  /* No gvfs daemon answers here: an unreachable network location. */
  assert_refused (f, "sftp://127.0.0.1:1/library/", "Cannot publish to");
}

/* A read-only location: the publish fails with one line and leaves every file as it was.
 * Tests run as root, who may write anywhere, so the publish runs as nobody in a forked
 * child that keeps the store connection it inherited. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL, after = NULL;
  g_autofree char *changed = NULL;
  char message[1024] = "";
  int fds[2], status = 0;
  ssize_t len;
  pid_t pid;

  g_assert_true (publish_to (f->store, f->site, &error));
  fixture_edit (f->store, f->ids->pdata[0], 0, "Changed while read-only");
  fixture_approve (f->store, f->ids->pdata[0]);
  before = stamps_of (f->site);

  g_assert_cmpint (g_chmod (f->tmp, 0755), ==, 0);
  g_assert_cmpint (g_chmod (f->site, 0555), ==, 0);
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  if (pid == 0)
    {
      GError *child_error = NULL;
      gboolean ok;

      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (3);
      ok = publish_to (f->store, f->site, &child_error);
      if (!ok)
        write (fds[1], child_error->message, strlen (child_error->message));
      _exit (ok ? 1 : 0);
    }
  close (fds[1]);
  len = read (fds[0], message, sizeof message - 1);
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_chmod (f->site, 0755);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  message[MAX (len, 0)] = '\0';
  g_test_message ("read-only → %s", message);
  g_assert_true (g_str_has_prefix (message, "Cannot publish to “"));
  g_assert_true (g_str_has_suffix (message, "”: it is read-only for you"));

  after = stamps_of (f->site);
  changed = changed_files (before, after);
  g_assert_cmpstr (changed, ==, "");
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
}

/* catalog.json lives on a share anyone with write access can edit: what it says is checked
 * before any of it reaches a page or a path. */
static void
test_edited_catalog (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL, after = NULL;
  g_autofree char *json = NULL, *hostile = NULL, *path = NULL, *changed = NULL;
  g_autofree char *index = NULL, *page = NULL, *catalog = NULL;
  const char *id = f->ids->pdata[1];
  g_autofree char *quoted = g_strdup_printf ("\"id\" : \"%s\"", id);
  g_auto(GStrv) parts = NULL;

  g_assert_true (publish_to (f->store, f->site, &error));
  json = read_site (f, "catalog.json");
  path = g_build_filename (f->site, "catalog.json", NULL);
  parts = g_strsplit (json, quoted, 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);

  /* A hostile id: refused in one line, and nothing at the location moves. */
  hostile = g_strjoinv ("\"id\" : \"x\\\"><script>alert(1)</script>\"", parts);
  g_assert_true (g_file_set_contents (path, hostile, -1, NULL));
  before = stamps_of (f->site);
  assert_refused (f, f->site, "Entry ");
  assert_refused (f, f->site, "of catalog.json is damaged");
  after = stamps_of (f->site);
  changed = changed_files (before, after);
  g_assert_cmpstr (changed, ==, "");

  /* A javascript: base URL is dropped, never written as a link. */
  g_free (hostile);
  hostile = g_strjoinv (quoted, parts);
  g_assert_nonnull (strstr (hostile, "\"base_url\" : null"));
  {
    g_auto(GStrv) halves = g_strsplit (hostile, "\"base_url\" : null", 2);
    g_free (hostile);
    hostile = g_strjoinv ("\"base_url\" : \"javascript:alert(1)//\"", halves);
  }
  g_assert_true (g_file_set_contents (path, hostile, -1, NULL));
  fixture_edit (f->store, id, 0, "Edited after the catalogue was");
  fixture_approve (f->store, id);
  g_assert_true (publish_to (f->store, f->site, &error));
  g_assert_no_error (error);
  index = read_site (f, "index.html");
  page = read_site (f, "t/invite-your-first-teammate/index.html");
  catalog = read_site (f, "catalog.json");
  g_assert_null (strstr (index, "javascript:"));
  g_assert_null (strstr (page, "javascript:"));
  g_assert_null (strstr (catalog, "javascript:"));
  g_assert_nonnull (strstr (page, "Edited after the catalogue was"));

  /* The same checks hold for the part a tutorial's entry lives in. */
  {
    g_autofree char *part_name = part_of (id, ".json");
    g_autofree char *part_path = g_build_filename (f->site, part_name, NULL);
    g_autofree char *part = read_site (f, part_name);
    g_autofree char *compact = g_strdup_printf ("\"id\":\"%s\"", id);
    g_auto(GStrv) halves = g_strsplit (part, compact, 2);
    g_autofree char *bad = NULL;
    g_autoptr(GHashTable) stamps_before = NULL, stamps_after = NULL;
    g_autofree char *moved = NULL;

    g_assert_cmpuint (g_strv_length (halves), ==, 2);
    bad = g_strjoinv ("\"id\":\"x\\\"><script>alert(1)</script>\"", halves);
    g_assert_true (g_file_set_contents (part_path, bad, -1, NULL));
    fixture_edit (f->store, id, 0, "Edited once more");
    fixture_approve (f->store, id);
    stamps_before = stamps_of (f->site);
    assert_refused (f, f->site, "is damaged");
    assert_refused (f, f->site, part_name);
    stamps_after = stamps_of (f->site);
    moved = changed_files (stamps_before, stamps_after);
    g_assert_cmpstr (moved, ==, "");
  }
}

/* A library published by an earlier Waymark kept every entry in catalog.json (format 1)
 * and had catalog.js: the next publish splits it into parts, with nothing lost, even when
 * no tutorial changed. */
static void
test_first_format (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) split = NULL, old = NULL, migrated = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL, *catalog_path = NULL, *script = NULL, *parts = NULL;
  const char *rm_argv[] = { "rm", "-rf", NULL, NULL };
  JsonArray *tutorials;
  guint n;

  g_assert_true (publish_to (f->store, f->site, &error));
  g_assert_no_error (error);
  split = load_catalog (f->site);
  tutorials = json_object_get_array_member (split, "tutorials");
  n = json_array_get_length (tutorials);
  g_assert_cmpuint (n, >, 1);   /* the approved ones */

  /* The same library as the first format wrote it. */
  old = json_object_new ();
  json_object_set_int_member (old, "format", 1);
  json_object_set_string_member (old, "library", json_object_get_string_member (split, "library"));
  json_object_set_string_member (old, "title", json_object_get_string_member (split, "title"));
  json_object_set_null_member (old, "base_url");
  json_object_set_string_member (old, "updated", json_object_get_string_member (split, "updated"));
  json_object_set_array_member (old, "tutorials", json_array_ref (tutorials));
  json_node_set_object (root, old);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  catalog_path = g_build_filename (f->site, "catalog.json", NULL);
  g_assert_true (g_file_set_contents (catalog_path, text, -1, NULL));
  script = g_build_filename (f->site, "catalog.js", NULL);
  g_assert_true (g_file_set_contents (script, "/* the first format */", -1, NULL));
  parts = g_build_filename (f->site, "catalog", NULL);
  rm_argv[2] = parts;
  g_assert_true (g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, NULL, NULL));

  g_assert_true (publish_to (f->store, f->site, &error));
  g_assert_no_error (error);
  migrated = load_catalog (f->site);
  g_assert_cmpint (json_object_get_int_member (migrated, "format"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (migrated, "count"), ==, n);
  g_assert_cmpint (json_object_get_int_member (migrated, "parts_total"), ==, n);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (migrated, "recent")),
                    ==, MIN (n, WM_SITE_CATALOG_N_RECENT));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *was = json_array_get_object_element (tutorials, i);
      JsonObject *now = find_entry (migrated, json_object_get_string_member (was, "id"));

      g_assert_nonnull (now);
      g_assert_cmpstr (json_object_get_string_member (now, "slug"), ==,
                       json_object_get_string_member (was, "slug"));
      g_assert_cmpint (json_object_get_int_member (now, "version"), ==,
                       json_object_get_int_member (was, "version"));
    }
  g_assert_false (site_has (f, "catalog.js"));
}

/* --base-url must be a web address: anything else is refused before the location is
 * touched. */
static void
test_bad_base_url (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const bad[] = { "javascript:alert(1)//", "help.example.com/tutorials",
                                      "https://help.example.com/\"><b>", "ftp://example.com/",
                                      "https:///nohost/", NULL };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (f->site);
      g_autoptr(WmSitePublisher) publisher = wm_site_publisher_new (f->store, file);
      g_autoptr(GError) error = NULL;

      wm_site_publisher_set_base_url (publisher, bad[i]);
      g_assert_false (wm_site_publisher_publish (publisher, NULL, NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("%s → %s", bad[i], error->message);
      g_assert_nonnull (strstr (error->message, "must be an http:// or https:// address"));
      g_assert_false (g_file_test (f->site, G_FILE_TEST_EXISTS));
    }

  {
    g_autoptr(GFile) file = g_file_new_for_path (f->site);
    g_autoptr(WmSitePublisher) publisher = wm_site_publisher_new (f->store, file);
    g_autoptr(GError) error = NULL;
    g_autofree char *catalog = NULL;

    wm_site_publisher_set_base_url (publisher, "https://help.example.com/tutorials");
    g_assert_true (wm_site_publisher_publish (publisher, NULL, NULL, &error));
    g_assert_no_error (error);
    catalog = read_site (f, "catalog.json");
    g_assert_nonnull (strstr (catalog, "\"https://help.example.com/tutorials/t/rotate-the-api-keys/\""));
  }
}

/* --- Kill and concurrency, through the real command line ----------------------------- */

static GSubprocess *
spawn_publish (const char  *db,
               const char  *site,
               const char  *kill_after,
               GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  if (kill_after != NULL)
    g_subprocess_launcher_setenv (launcher, "WAYMARK_PUBLISH_KILL_AFTER", kill_after, TRUE);
  return g_subprocess_launcher_spawn (launcher, error, g_getenv ("WM_WAYMARK"), "--library", db,
                                      "publish", "--to", site, NULL);
}

static void
assert_publish_succeeded (GSubprocess *child)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, NULL, &err, &error));
  g_assert_no_error (error);
  g_test_message ("%s", err);
  if (!g_subprocess_get_successful (child))
    g_error ("waymark publish failed: %s", err);
}

/* Every page and image the catalogue names is there and whole. */
static void
assert_library_whole (const char *site)
{
  g_autoptr(JsonObject) catalog = load_catalog (site);
  JsonArray *tutorials = json_object_get_array_member (catalog, "tutorials");

  for (guint i = 0; i < json_array_get_length (tutorials); i++)
    {
      JsonObject *entry = json_array_get_object_element (tutorials, i);
      const char *slug = json_object_get_string_member (entry, "slug");
      g_autofree char *page_path = g_build_filename (site, "t", slug, "index.html", NULL);
      g_autofree char *page = NULL;
      const char *p;

      g_assert_true (g_file_get_contents (page_path, &page, NULL, NULL));
      g_assert_true (g_str_has_suffix (page, "</html>\n"));
      for (p = strstr (page, "images/"); p != NULL; p = strstr (p + 1, "images/"))
        {
          g_autofree char *name = g_strndup (p, strstr (p, ".png") + 4 - p);
          g_autofree char *image = g_build_filename (site, name, NULL);
          g_assert_true (g_file_test (image, G_FILE_TEST_IS_REGULAR));
        }
    }
}

static void
test_kill_midway (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *catalog_before = NULL, *catalog_after = NULL, *page = NULL;
  g_autoptr(WmTutorial) extra = NULL;
  static const char * const roles[] = { "admin", NULL };

  g_assert_true (publish_to (f->store, f->site, &error));
  catalog_before = read_site (f, "catalog.json");

  fixture_edit (f->store, f->ids->pdata[2], 0, "Killed wording");
  fixture_approve (f->store, f->ids->pdata[2]);
  extra = fixture_add_tutorial (f->store, "Brand new", "New", WM_STAGE_COMPETENCY, roles, 3, 300);
  fixture_approve (f->store, wm_tutorial_get_id (extra));

  /* Die after each number of files in turn: every cut leaves a whole library. Each killed
   * publish leaves more done (pages, then parts, catalog.json last), so the runs converge on
   * one that finishes. */
  for (guint n = 1;; n++)
    {
      g_autofree char *kill_after = g_strdup_printf ("%u", n);
      g_autoptr(GSubprocess) child = spawn_publish (f->db, f->site, kill_after, &error);

      g_assert_no_error (error);
      g_assert_true (g_subprocess_wait (child, NULL, &error));
      assert_library_whole (f->site);
      if (!g_subprocess_get_if_signaled (child))
        break;
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
      /* Until the first part is in place, catalog.json and the parts are the old ones. */
      if (n == 1)
        {
          g_free (catalog_after);
          catalog_after = read_site (f, "catalog.json");
          g_assert_cmpstr (catalog_after, ==, catalog_before);
        }
      g_assert_cmpuint (n, <, 100);
    }

  /* The lock the dead publisher left is broken, and the next publish completes. */
  {
    g_autoptr(GSubprocess) child = spawn_publish (f->db, f->site, NULL, &error);
    g_assert_true (g_subprocess_wait_check (child, NULL, &error));
    g_assert_no_error (error);
  }
  assert_library_whole (f->site);
  page = read_site (f, "t/export-a-report-as-pdf/index.html");
  g_assert_nonnull (strstr (page, "Killed wording"));
  g_assert_true (site_has (f, "t/brand-new/index.html"));
  g_assert_false (site_has (f, ".waymark-lock"));
  /* The count and the feed caught up with the parts the killed publishes wrote. */
  {
    g_autoptr(JsonObject) catalog = load_catalog (f->site);
    g_autofree char *feed = read_site (f, "feed.atom");

    g_assert_cmpint (json_object_get_int_member (catalog, "count"), ==, 5);
    g_assert_cmpint (json_object_get_int_member (catalog, "parts_total"), ==, 5);
    g_assert_nonnull (strstr (feed, "<title>Brand new</title>"));
    g_assert_nonnull (strstr (feed, "<summary type=\"text\">Version 2."));
  }
}

/* A first publish killed before its catalogue: the folder is still known as a library, and
 * the next publish completes it instead of refusing "other files". */
static void
test_kill_first_publish (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(JsonObject) catalog = NULL;

  for (guint n = 1; n <= 7; n += 3)
    {
      g_autofree char *kill_after = g_strdup_printf ("%u", n);
      g_autoptr(GSubprocess) child = spawn_publish (f->db, f->site, kill_after, &error);

      g_assert_no_error (error);
      g_assert_true (g_subprocess_wait (child, NULL, &error));
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_false (site_has (f, "catalog.json"));
      g_assert_false (site_has (f, "index.html"));
    }

  again = spawn_publish (f->db, f->site, NULL, &error);
  g_assert_no_error (error);
  assert_publish_succeeded (again);
  catalog = load_catalog (f->site);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (catalog, "tutorials")),
                    ==, 4);
  assert_library_whole (f->site);
  g_assert_false (site_has (f, ".waymark-lock"));
}

static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const roles[] = { "admin", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *db2 = g_build_filename (f->tmp, "second.db", NULL);
  g_autoptr(WmStore) store2 = wm_store_open (db2, &error);
  g_autoptr(GSubprocess) a = NULL, b = NULL;
  g_autoptr(JsonObject) catalog = NULL;

  /* The second team's library: ten tutorials of its own. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *title = g_strdup_printf ("Second team tutorial %u", i);
      g_autoptr(WmTutorial) t = fixture_add_tutorial (store2, title, "From the other store",
                                                      WM_STAGE_COMPETENCY, roles, 2, 500 + i * 3);
      fixture_approve (store2, wm_tutorial_get_id (t));
    }

  a = spawn_publish (f->db, f->site, NULL, &error);
  b = spawn_publish (db2, f->site, NULL, &error);
  assert_publish_succeeded (a);
  assert_publish_succeeded (b);

  catalog = load_catalog (f->site);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (catalog, "tutorials")),
                    ==, 4 + 10);
  assert_library_whole (f->site);
  g_assert_true (site_has (f, "t/second-team-tutorial-9/index.html"));
  g_assert_true (site_has (f, "t/rotate-the-api-keys/index.html"));
}

/* Another host's lock: waited for while it is fresh, broken once it is ten minutes old. */
static void
test_foreign_lock (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) root = g_file_new_for_path (f->tmp);
  g_autoptr(WmSiteLocation) location = wm_site_location_new (root);
  g_autofree char *path = g_build_filename (f->tmp, ".waymark-lock", NULL);
  g_autofree char *fresh = g_strdup_printf ("build-server 4242 %" G_GINT64_FORMAT "\n",
                                            g_get_real_time ());
  g_autofree char *old = g_strdup_printf ("build-server 4242 %" G_GINT64_FORMAT "\n",
                                          g_get_real_time () - 11 * G_TIME_SPAN_MINUTE);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmSiteLock) lock = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, fresh, -1, NULL));
  lock = wm_site_lock_acquire (location, 300, NULL, &error);
  g_assert_null (lock);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "being published by another Waymark (build-server, "
                                            "process 4242"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, old, -1, NULL));
  lock = wm_site_lock_acquire (location, 300, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lock);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, g_get_host_name ()));
  wm_site_lock_release (lock);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A lock another publisher broke (judging this one dead) and took: the holder notices before
 * it writes the catalogue, and leaves the other's lock alone when it lets go. */
static void
test_lock_taken_over (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) root = g_file_new_for_path (f->tmp);
  g_autoptr(WmSiteLocation) location = wm_site_location_new (root);
  g_autofree char *path = g_build_filename (f->tmp, ".waymark-lock", NULL);
  g_autofree char *theirs = g_strdup_printf ("other-laptop 77 %" G_GINT64_FORMAT " token\n",
                                             g_get_real_time ());
  g_autoptr(GError) error = NULL;
  g_autoptr(WmSiteLock) lock = wm_site_lock_acquire (location, 300, NULL, &error);
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_assert_true (wm_site_lock_check (lock, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_set_contents (path, theirs, -1, NULL));
  g_assert_false (wm_site_lock_check (lock, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "Another Waymark took over publishing to"));
  g_assert_null (strchr (error->message, '\n'));

  wm_site_lock_release (lock);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, theirs);
}

/* --- A share anyone can write to: links, locks, full disks ---------------------------- */

/* A folder outside the library holding one file that must survive whatever is published. */
static char *
make_victim (Fixture    *f,
             const char *name)
{
  g_autofree char *dir = g_build_filename (f->tmp, name, NULL);
  g_autofree char *file = g_build_filename (dir, "precious.txt", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (file, "keep me", -1, NULL));
  return g_steal_pointer (&dir);
}

static void
assert_victim_intact (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *file = g_build_filename (dir, "precious.txt", NULL);
  g_autofree char *contents = NULL;
  const char *name;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_test_message ("%s holds %s", dir, name);
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");
}

/* A ".waymark-tmp" link made publish delete every file of the folder it pointed to. */
static void
test_tmp_symlink (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *victim = make_victim (f, "victim");
  g_autofree char *tmp = g_build_filename (f->site, ".waymark-tmp", NULL);

  g_assert_true (publish_to (f->store, f->site, &error));
  wm_test_remove_dir (tmp);
  g_assert_cmpint (symlink (victim, tmp), ==, 0);

  /* Nothing changed, and then something did: neither empties the folder behind the link. */
  assert_refused (f, f->site, "never follows links");
  fixture_edit (f->store, f->ids->pdata[1], 0, "Edited with a planted link");
  fixture_approve (f->store, f->ids->pdata[1]);
  assert_refused (f, f->site, "“.waymark-tmp” there is a link or not a folder");
  assert_victim_intact (victim);
}

/* Every folder a publish writes into, replaced by a link to a folder outside the library:
 * the publish is refused in one line and writes nothing there. */
static void
test_dir_symlinks (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const places[] = {
    "t", "t/invite-your-first-teammate", "images", "catalog",
    "t/invite-your-first-teammate/embed", "t/invite-your-first-teammate/v%u", NULL };
  const char *id = f->ids->pdata[1];

  for (guint i = 0; places[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WmTutorial) edited = NULL;
      g_autofree char *site = g_strdup_printf ("%s/site-%u", f->tmp, i);
      g_autofree char *victim_name = g_strdup_printf ("victim-%u", i);
      g_autofree char *victim = make_victim (f, victim_name);
      g_autofree char *place = NULL, *path = NULL, *moved = NULL;

      g_assert_true (publish_to (f->store, site, &error));
      g_assert_no_error (error);
      fixture_edit (f->store, id, 0, "Edited behind a planted link");
      fixture_approve (f->store, id);
      edited = wm_store_load_tutorial (f->store, id, FALSE, &error);
      g_assert_no_error (error);

      /* The next version's folder does not exist yet: the link waits for it. */
      place = g_strdup_printf (places[i], wm_tutorial_get_approved_version (edited));
      path = g_build_filename (site, place, NULL);
      moved = g_strconcat (path, ".moved", NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        g_assert_cmpint (g_rename (path, moved), ==, 0);
      g_assert_cmpint (symlink (victim, path), ==, 0);

      g_assert_false (publish_to (f->store, site, &error));
      g_assert_nonnull (error);
      g_test_message ("%s → %s", place, error->message);
      g_assert_nonnull (strstr (error->message, "never follows links"));
      g_assert_null (strchr (error->message, '\n'));
      assert_victim_intact (victim);
    }
}

/* A lock that is not a regular file: refused at once in one line, never followed, never
 * waited on, left as it was. */
static void
test_lock_not_a_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) root = g_file_new_for_path (f->site);
  g_autoptr(WmSiteLocation) location = wm_site_location_new (root);
  g_autofree char *path = g_build_filename (f->site, ".waymark-lock", NULL);
  g_autofree char *nowhere = g_build_filename (f->tmp, "nowhere", NULL);

  g_assert_cmpint (g_mkdir (f->site, 0755), ==, 0);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WmSiteLock) lock = NULL;
      gint64 start = g_get_monotonic_time ();
      struct stat before, after;

      switch (i)
        {
        case 0: g_assert_cmpint (symlink (nowhere, path), ==, 0); break;      /* dangling */
        case 1: g_assert_cmpint (g_mkdir (path, 0755), ==, 0); break;
        case 2: g_assert_cmpint (mkfifo (path, 0644), ==, 0); break;
        case 3: g_assert_cmpint (symlink ("/dev/zero", path), ==, 0); break;
        }
      g_assert_cmpint (lstat (path, &before), ==, 0);

      lock = wm_site_lock_acquire (location, 5000, NULL, &error);
      g_assert_null (lock);
      g_assert_nonnull (error);
      g_test_message ("lock %u → %s", i, error->message);
      g_assert_nonnull (strstr (error->message, "is not a lock Waymark wrote"));
      g_assert_null (strchr (error->message, '\n'));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

      g_assert_cmpint (lstat (path, &after), ==, 0);
      g_assert_cmpint (before.st_mode, ==, after.st_mode);
      g_assert_cmpint (before.st_ino, ==, after.st_ino);
      if (i == 1)
        {
          /* The whole publish says it in one line too. */
          assert_refused (f, f->site, "“.waymark-lock” there is not a lock Waymark wrote");
          g_assert_cmpint (g_rmdir (path), ==, 0);
        }
      else
        g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

/* A lock dated far ahead would block publishing forever: it is broken like a stale one. */
static void
test_lock_far_future (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) root = g_file_new_for_path (f->tmp);
  g_autoptr(WmSiteLocation) location = wm_site_location_new (root);
  g_autofree char *path = g_build_filename (f->tmp, ".waymark-lock", NULL);
  g_autofree char *future = g_strdup_printf ("build-server 4242 %" G_GINT64_FORMAT " token\n",
                                             g_get_real_time () + 100 * 365 * G_TIME_SPAN_DAY);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmSiteLock) lock = NULL;

  g_assert_true (g_file_set_contents (path, future, -1, NULL));
  lock = wm_site_lock_acquire (location, 300, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lock);
  wm_site_lock_release (lock);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static gboolean
run_quietly (const char * const *argv)
{
  int status = -1;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                       G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                       NULL, &status, NULL) && g_spawn_check_wait_status (status, NULL);
}

/* Writes zeros into @path until the disk is full. */
static void
fill_disk (const char *path)
{
  static const char zeros[65536];
  FILE *out = fopen (path, "w");

  g_assert_nonnull (out);
  while (fwrite (zeros, 1, sizeof zeros, out) == sizeof zeros && fflush (out) == 0)
    ;
  fclose (out);
}

/* A publish that fails on a full disk (a small tmpfs) leaves no lock behind: the next one,
 * once there is room, runs at once instead of waiting ten minutes. */
static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *mount = g_build_filename (f->tmp, "small", NULL);
  g_autofree char *site = g_build_filename (mount, "site", NULL);
  g_autofree char *filler = g_build_filename (mount, "filler", NULL);
  g_autofree char *lock = g_build_filename (site, ".waymark-lock", NULL);
  const char *mount_argv[] = { "mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount, NULL };
  const char *umount_argv[] = { "umount", mount, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (mount, 0755), ==, 0);
  if (geteuid () != 0 || !run_quietly (mount_argv))
    {
      g_test_skip ("mounting a small tmpfs needs root");
      return;
    }
  g_assert_cmpint (g_mkdir (site, 0755), ==, 0);
  fill_disk (filler);

  g_assert_false (publish_to (f->store, site, &error));
  g_assert_nonnull (error);
  g_test_message ("full disk → %s", error->message);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_true (publish_to (f->store, site, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  g_assert_true (run_quietly (umount_argv));
}

/* `submit --to` makes the library's inbox/ before anyone published there: the documented
 * team flow publishes to that same folder next. */
static void
test_inbox_location (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *inbox = g_build_filename (f->site, "inbox", NULL);
  g_autofree char *bundle = g_build_filename (inbox, "sent-v1-0123.waymark", NULL);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir_with_parents (inbox, 0755), ==, 0);
  g_assert_true (g_file_set_contents (bundle, "a bundle", -1, NULL));
  g_assert_true (publish_to (f->store, f->site, &error));
  g_assert_no_error (error);
  assert_library_whole (f->site);
  g_assert_true (g_file_get_contents (bundle, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "a bundle");
}

/* Replaces the first @from in the site's file @name with @to; with @id, the first one in
 * that tutorial's entry. A part holds every tutorial whose id falls in it, so without @id
 * the edit could land in another tutorial's entry, as random ids sometimes make it. */
static void
edit_site_file (Fixture    *f,
                const char *name,
                const char *id,
                const char *from,
                const char *to)
{
  g_autofree char *path = g_build_filename (f->site, name, NULL);
  g_autofree char *text = read_site (f, name);
  g_autofree char *marker = id != NULL ? g_strdup_printf ("\"id\":\"%s\"", id) : NULL;
  const char *entry = marker != NULL ? strstr (text, marker) : text;
  const char *at;
  g_autoptr(GString) edited = g_string_new (NULL);

  g_assert_nonnull (entry);
  at = strstr (entry, from);
  g_assert_nonnull (at);
  g_string_append_len (edited, text, at - text);
  g_string_append (edited, to);
  g_string_append (edited, at + strlen (from));
  g_assert_true (g_file_set_contents (path, edited->str, edited->len, NULL));
}

/* Hostile catalogues: deep nesting, a number for a title, a million versions. Each is
 * refused in one line, at once, with nothing written; none crashes the publisher. */
static void
test_hostile_catalog (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *id = f->ids->pdata[1];
  g_autofree char *part = part_of (id, ".json");
  g_autofree char *part_path = g_build_filename (f->site, part, NULL);
  g_autofree char *catalog_path = g_build_filename (f->site, "catalog.json", NULL);
  g_autofree char *good_part = NULL, *good_catalog = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"format\": 2, \"x\": ");
  g_autoptr(GString) versions = g_string_new ("\"versions\":[");
  gint64 start;

  g_assert_true (publish_to (f->store, f->site, &error));
  good_part = read_site (f, part);
  good_catalog = read_site (f, "catalog.json");
  fixture_edit (f->store, id, 0, "Edited after the catalogue was");
  fixture_approve (f->store, id);

  /* 100,000 levels: json-glib alone would recurse out of its stack. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  g_assert_true (g_file_set_contents (catalog_path, deep->str, deep->len, NULL));
  assert_refused (f, f->site, "catalog.json is not a Waymark catalogue");
  g_assert_true (g_file_set_contents (part_path, deep->str, deep->len, NULL));
  g_assert_true (g_file_set_contents (catalog_path, good_catalog, -1, NULL));
  assert_refused (f, f->site, "is not a Waymark catalogue");

  /* Empty files (the fuzzer's first find). */
  g_assert_true (g_file_set_contents (part_path, "", 0, NULL));
  assert_refused (f, f->site, "is not a Waymark catalogue");
  g_assert_true (g_file_set_contents (catalog_path, "", 0, NULL));
  assert_refused (f, f->site, "catalog.json is not a Waymark catalogue");
  g_assert_true (g_file_set_contents (catalog_path, good_catalog, -1, NULL));

  /* A number where the title goes (it crashed the publisher). */
  g_assert_true (g_file_set_contents (part_path, good_part, -1, NULL));
  edit_site_file (f, part, id, "\"title\":\"Invite your first teammate\"", "\"title\":42");
  assert_refused (f, f->site, "is damaged");
  g_assert_true (g_file_set_contents (part_path, good_part, -1, NULL));
  edit_site_file (f, part, id, "\"stage\":\"orientation\"", "\"stage\":{\"a\":[1]}");
  assert_refused (f, f->site, "is damaged");

  /* The library's own title as a number is no title: the default stays. */
  g_assert_true (g_file_set_contents (part_path, good_part, -1, NULL));
  edit_site_file (f, "catalog.json", NULL, "\"title\" : \"Tutorials\"", "\"title\" : 7");

  /* A million versions: refused in linear time (it ran for over thirty minutes). */
  for (guint i = 1; i <= 1000000; i++)
    g_string_append_printf (versions, "%s%u", i > 1 ? "," : "", 1000001 - i);
  g_string_append (versions, "]");
  edit_site_file (f, part, id, "\"versions\":[1]", versions->str);
  start = g_get_monotonic_time ();
  assert_refused (f, f->site, "is damaged");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);

  /* Ten thousand versions, in any order, are a library Waymark could have made. */
  g_string_assign (versions, "\"versions\":[");
  for (guint i = 1; i <= 10000; i++)
    g_string_append_printf (versions, "%s%u", i > 1 ? "," : "", 1 + i * 7919 % 10007);
  g_string_append (versions, "]");
  g_assert_true (g_file_set_contents (part_path, good_part, -1, NULL));
  edit_site_file (f, part, id, "\"versions\":[1]", versions->str);
  start = g_get_monotonic_time ();
  g_assert_true (publish_to (f->store, f->site, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  {
    g_autoptr(JsonObject) catalog = load_catalog (f->site);
    JsonObject *entry = find_entry (catalog, id);

    g_assert_cmpstr (json_object_get_string_member (catalog, "title"), ==, "Tutorials");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry, "versions")),
                      ==, 10001);
  }
}

/* A base URL planted in catalog.json would send every link and embed snippet to another
 * domain: the publisher's own setting is what is written. */
static void
test_planted_base_url (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (f->site);
  const char *id = f->ids->pdata[1];
  static const char * const files[] = { "catalog.json", "index.html", "feed.atom",
                                        "t/invite-your-first-teammate/index.html", NULL };

  /* Published without an address, then given one by someone else. */
  g_assert_true (publish_to (f->store, f->site, &error));
  edit_site_file (f, "catalog.json", NULL, "\"base_url\" : null",
                  "\"base_url\" : \"https://evil.example/\"");
  fixture_edit (f->store, id, 0, "Republished after the plant");
  fixture_approve (f->store, id);
  g_assert_true (publish_to (f->store, f->site, &error));
  g_assert_no_error (error);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *text = read_site (f, files[i]);
      g_assert_null (strstr (text, "evil.example"));
    }

  /* Published with an address: a later publish without one keeps this store's. */
  {
    g_autoptr(WmSitePublisher) publisher = wm_site_publisher_new (f->store, file);
    wm_site_publisher_set_base_url (publisher, "https://help.example.com/tutorials/");
    g_assert_true (wm_site_publisher_publish (publisher, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  edit_site_file (f, "catalog.json", NULL, "\"https://help.example.com/tutorials/\"",
                  "\"https://evil.example/\"");
  fixture_edit (f->store, id, 0, "Republished after the second plant");
  fixture_approve (f->store, id);
  g_assert_true (publish_to (f->store, f->site, &error));
  g_assert_no_error (error);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *text = read_site (f, files[i]);
      g_assert_null (strstr (text, "evil.example"));
    }
  {
    g_autofree char *catalog = read_site (f, "catalog.json");
    g_assert_nonnull (strstr (catalog, "\"base_url\" : \"https://help.example.com/tutorials/\""));
  }
}

static int
run_waymark (const char *db,
             char      **err,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("WM_WAYMARK"));
  g_ptr_array_add (argv, "--library");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  child = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                             G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, NULL, err, &error));
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (child);
}

/* `submit --to` writes into an inbox others can write to: a link planted under the name it
 * would have used, or an inbox that is a link, never redirects the bundle. */
static void
test_inbox_symlink (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const roles[] = { "admin", NULL };
  const char *draft = f->ids->pdata[4];
  g_autofree char *inbox = g_build_filename (f->site, "inbox", NULL);
  g_autofree char *predictable = g_strdup_printf ("%s/%s-v1.waymark", inbox, draft);
  g_autofree char *target = g_build_filename (f->tmp, "victim.txt", NULL);
  g_autofree char *victim = make_victim (f, "victim");
  g_autofree char *moved = g_strconcat (inbox, ".moved", NULL);
  g_autofree char *contents = NULL, *err = NULL, *prefix = NULL;
  g_autoptr(WmTutorial) second = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n = 0;

  g_assert_cmpint (g_mkdir_with_parents (inbox, 0755), ==, 0);
  g_assert_true (g_file_set_contents (target, "keep me", -1, NULL));
  g_assert_cmpint (symlink (target, predictable), ==, 0);
  g_assert_cmpint (run_waymark (f->db, &err, "submit", draft, "--to", f->site, NULL), ==, 0);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");

  prefix = g_strdup_printf ("%s-v1-", draft);
  dir = g_dir_open (inbox, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *path = g_build_filename (inbox, name, NULL);
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
        g_assert_false (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
        n++;
      }
  g_assert_cmpuint (n, ==, 1);

  /* The inbox itself a link to someone's folder: refused in one line, nothing written. */
  second = fixture_add_tutorial (f->store, "Another draft", "Sent in", WM_STAGE_COMPETENCY, roles,
                                 1, 700);
  g_assert_cmpint (g_rename (inbox, moved), ==, 0);
  g_assert_cmpint (symlink (victim, inbox), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_waymark (f->db, &err, "submit", wm_tutorial_get_id (second), "--to",
                                f->site, NULL), ==, 1);
  g_test_message ("inbox link → %s", err);
  g_assert_nonnull (strstr (err, "never follows links"));
  assert_victim_intact (victim);

  /* Nor is such an inbox listed: it would offer someone else's files for import. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_waymark (f->db, &err, "inbox", "--from", f->site, NULL), ==, 1);
  g_test_message ("inbox --from → %s", err);
  g_assert_nonnull (strstr (err, "“inbox” there is a link or not a folder"));
}

/* What a reader sees: path → SHA-256 of every file under @dir (the publisher's own
 * .waymark-tmp and .waymark-lock are not part of the library). */
static void
collect_contents (GFile      *root,
                  GFile      *dir,
                  GHashTable *contents)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (dir, "standard::*", G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        NULL, NULL);
  g_assert_nonnull (children);
  while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    {
      g_autofree char *path = g_file_get_relative_path (root, child);
      g_autoptr(GBytes) bytes = NULL;

      if (g_str_equal (path, ".waymark-tmp") || g_str_equal (path, ".waymark-lock"))
        continue;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          collect_contents (root, child, contents);
          continue;
        }
      bytes = g_file_load_bytes (child, NULL, NULL, NULL);
      g_assert_nonnull (bytes);
      g_hash_table_insert (contents, g_steal_pointer (&path),
                           g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes));
    }
}

static GHashTable *
contents_of (const char *site)
{
  g_autoptr(GFile) root = g_file_new_for_path (site);
  GHashTable *contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  collect_contents (root, root, contents);
  return contents;
}

/* Every file a reader can fetch is the old library's or the new one's, byte for byte; no
 * file is of neither; and the new catalog.json only ever stands beside new files. */
static void
assert_old_or_new (GHashTable *seen,
                   GHashTable *old,
                   GHashTable *new,
                   guint       kill_point)
{
  GHashTableIter iter;
  gpointer path, sum;

  gboolean committed = g_strcmp0 (g_hash_table_lookup (seen, "catalog.json"),
                                  g_hash_table_lookup (new, "catalog.json")) == 0;

  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &path, &sum))
    {
      if (g_strcmp0 (g_hash_table_lookup (old, path), sum) != 0 &&
          g_strcmp0 (g_hash_table_lookup (new, path), sum) != 0)
        g_error ("killed after write %u: %s is neither the old file nor the new one",
                 kill_point, (char *) path);
      /* catalog.json goes in last: once it is new, so is everything else. */
      if (committed && g_strcmp0 (g_hash_table_lookup (new, path), sum) != 0)
        g_error ("killed after write %u: catalog.json is new but %s is not", kill_point,
                 (char *) path);
    }
}

/* SIGKILL after every single file a publish puts in place: at each of those instants a
 * reader finds every file old or new (never half written, never a third version), everything
 * the catalogue and the pages name in place, and the next publish finishes the library. */
static void
test_kill_every_write (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const roles[] = { "admin", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) old = NULL, new = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(WmTutorial) extra = NULL;
  guint n;

  g_assert_true (publish_to (f->store, f->site, &error));
  old = contents_of (f->site);

  fixture_edit (f->store, f->ids->pdata[2], 0, "Killed wording");
  fixture_approve (f->store, f->ids->pdata[2]);
  fixture_edit (f->store, f->ids->pdata[0], 0, "Second change in the same publish");
  fixture_approve (f->store, f->ids->pdata[0]);
  extra = fixture_add_tutorial (f->store, "Brand new", "New", WM_STAGE_COMPETENCY, roles, 3, 300);
  fixture_approve (f->store, wm_tutorial_get_id (extra));

  for (n = 1;; n++)
    {
      g_autofree char *kill_after = g_strdup_printf ("%u", n);
      g_autoptr(GSubprocess) child = spawn_publish (f->db, f->site, kill_after, &error);

      g_assert_no_error (error);
      g_assert_true (g_subprocess_wait (child, NULL, &error));
      assert_library_whole (f->site);
      g_ptr_array_add (states, contents_of (f->site));
      if (!g_subprocess_get_if_signaled (child))
        break;
      g_assert_cmpuint (n, <, 200);
    }

  new = contents_of (f->site);
  for (guint i = 0; i < states->len; i++)
    assert_old_or_new (states->pdata[i], old, new, i + 1);
  g_test_message ("%u kill points, each left the old or the new file everywhere", n - 1);
  g_assert_cmpuint (n, >, 10);
  g_assert_false (site_has (f, ".waymark-lock"));
  {
    g_autofree char *page = read_site (f, "t/export-a-report-as-pdf/index.html");
    g_assert_nonnull (strstr (page, "Killed wording"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/publish/site/layout", test_layout);
  ADD ("/publish/site/images-shared", test_images_shared);
  ADD ("/publish/site/escaping", test_escaping);
  ADD ("/publish/untrusted/edited-catalog", test_edited_catalog);
  ADD ("/publish/untrusted/bad-base-url", test_bad_base_url);
  ADD ("/publish/site/first-format", test_first_format);
  ADD ("/publish/site/incremental", test_incremental);
  ADD ("/publish/site/slug-fixed", test_slug_fixed);
  ADD ("/publish/site/slug-unique", test_slug_unique);
  ADD ("/publish/site/only-approved", test_only_approved_ids);
  ADD ("/publish/location/file-uri", test_file_uri);
  ADD ("/publish/location/unusable", test_unusable_locations);
  ADD ("/publish/location/read-only", test_read_only);
  ADD ("/publish/atomic/kill-midway", test_kill_midway);
  ADD ("/publish/atomic/kill-first-publish", test_kill_first_publish);
  ADD ("/publish/atomic/kill-every-write", test_kill_every_write);
  ADD ("/publish/concurrent/two-stores", test_concurrent);
  ADD ("/publish/concurrent/foreign-lock", test_foreign_lock);
  ADD ("/publish/concurrent/lock-taken-over", test_lock_taken_over);
  ADD ("/publish/untrusted/tmp-symlink", test_tmp_symlink);
  ADD ("/publish/untrusted/dir-symlinks", test_dir_symlinks);
  ADD ("/publish/untrusted/lock-not-a-file", test_lock_not_a_file);
  ADD ("/publish/untrusted/lock-far-future", test_lock_far_future);
  ADD ("/publish/untrusted/full-disk", test_full_disk);
  ADD ("/publish/location/inbox", test_inbox_location);
  ADD ("/publish/untrusted/hostile-catalog", test_hostile_catalog);
  ADD ("/publish/untrusted/planted-base-url", test_planted_base_url);
  ADD ("/publish/untrusted/inbox-symlink", test_inbox_symlink);
#undef ADD

  return g_test_run ();
}
