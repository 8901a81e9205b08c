/* test-store-locks.c — the library survives its own process opening and closing its file
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POSIX advisory locks belong to a process and an inode: close() on ANY descriptor of the
 * file drops every lock the process holds on it. The GTK file chooser does exactly that
 * when Preferences shows the library's folder (it sniffs library.db's content type), and
 * the next `waymark` command then believed it was alone, checkpointed, and deleted the
 * WAL the app went on writing to. This test plays the app as a child process (this same
 * program with --app), which keeps a library open, adds tutorials, and opens and closes
 * library.db the way the chooser does; the real `waymark` command runs beside it.
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wm-test.h"

/* The app ---------------------------------------------------------------------------- */

/* Opens and closes @path in-process as GIO does for a file chooser: a plain open/read/
 * close, then a content-type query that sniffs the first bytes. */
static void
sniff_like_a_file_chooser (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  char head[512];
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (read (fd, head, sizeof head), >, 0);
  close (fd);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_assert_nonnull (info);
}

/* Reads commands on stdin, one per line, answers one line each on stdout:
 * "add TITLE" → the new id; "sniff" → "ok"; "count" → how many tutorials it sees. */
static int
run_app (const char *library)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open (library, &error);
  char line[256];

  g_assert_no_error (error);
  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("ready\n");

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_strchomp (line);
      if (g_str_has_prefix (line, "add "))
        {
          g_autoptr(WmTutorial) t = wm_tutorial_new (line + 4);

          g_assert_true (wm_store_save_tutorial (store, t, &error));
          g_assert_no_error (error);
          printf ("%s\n", wm_tutorial_get_id (t));
        }
      else if (g_str_equal (line, "sniff"))
        {
          sniff_like_a_file_chooser (library);
          printf ("ok\n");
        }
      else if (g_str_equal (line, "count"))
        {
          printf ("%u\n", wm_store_count_tutorials (store, NULL, &error));
          g_assert_no_error (error);
        }
    }

  return 0;
}

/* The test --------------------------------------------------------------------------- */

typedef struct {
  WmTestLibrary lib;
  WmTestRun     run;
  GPid          pid;
  FILE         *to_app;
  FILE         *from_app;
} Locks;

static void
locks_setup (Locks         *l,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, "--app", NULL, NULL };
  int in_fd, out_fd;
  char line[64];

  wm_test_library_init (&l->lib, "locks");
  argv[0] = g_getenv ("WM_TEST_SELF");
  argv[2] = l->lib.path;
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &l->pid,
                                           &in_fd, &out_fd, NULL, &error));
  g_assert_no_error (error);
  l->to_app = fdopen (in_fd, "w");
  l->from_app = fdopen (out_fd, "r");
  setvbuf (l->to_app, NULL, _IOLBF, 0);
  g_assert_nonnull (fgets (line, sizeof line, l->from_app));
  g_assert_cmpstr (line, ==, "ready\n");
}

static void
locks_teardown (Locks         *l,
                gconstpointer  data)
{
  int status;

  g_clear_pointer (&l->to_app, fclose);
  g_clear_pointer (&l->from_app, fclose);
  if (l->pid > 0)
    {
      kill (l->pid, SIGKILL);
      waitpid (l->pid, &status, 0);
      g_spawn_close_pid (l->pid);
    }
  wm_test_library_clear (&l->lib);
  wm_test_run_clear (&l->run);
}

static char *
ask_app (Locks      *l,
         const char *command)
{
  char line[256];

  fprintf (l->to_app, "%s\n", command);
  g_assert_nonnull (fgets (line, sizeof line, l->from_app));
  return g_strchomp (g_strdup (line));
}

static void
kill_app (Locks *l)
{
  int status;

  kill (l->pid, SIGKILL);
  g_assert_cmpint (waitpid (l->pid, &status, 0), ==, l->pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (l->pid);
  l->pid = 0;
}

/* The ids the command line lists, in one string for a readable failure. */
static char *
cli_ids (Locks *l)
{
  const char *args[] = { "list", "--json", NULL };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  JsonArray *array;

  g_assert_cmpint (wm_test_run_waymark (&l->run, l->lib.path, NULL, args), ==, 0);
  root = wm_test_parse_json (l->run.out);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (ids, "%s\n",
                            json_object_get_string_member (json_array_get_object_element (array, i),
                                                           "id"));

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
assert_has (const char *ids,
            const char *id)
{
  if (strstr (ids, id) == NULL)
    g_error ("tutorial %s is lost; the command line sees:\n%s", id, ids);
}

/* The strongest lock another process finds on the whole of @path (F_UNLCK: none). */
static int
lock_seen_from_outside (const char *path)
{
  struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
  int fd = open (path, O_RDWR | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fcntl (fd, F_GETLK, &lock), ==, 0);
  close (fd);

  return lock.l_type;
}

/* The app writes, the chooser sniffs, `waymark list` runs (it used to delete the WAL),
 * the app writes again: the command line must see both, and the app what it adds. */
static void
test_sniff_then_cli (Locks         *l,
                     gconstpointer  data)
{
  gboolean kill9 = GPOINTER_TO_INT (data);
  g_autofree char *first = ask_app (l, "add Before the file chooser");
  g_autofree char *ok = ask_app (l, "sniff");
  g_autofree char *ids = cli_ids (l);
  g_autofree char *second = ask_app (l, "add After the file chooser");
  g_autofree char *ids_after = NULL;
  g_autofree char *wal = g_strconcat (l->lib.path, "-wal", NULL);
  const char *args[] = { "new", "--title", "From the command line", NULL };
  g_autofree char *count = NULL;

  g_assert_cmpstr (ok, ==, "ok");
  assert_has (ids, first);
  /* The proof: after the sniff the app still holds its lock on library.db, as another
   * process sees it. */
  g_assert_cmpint (lock_seen_from_outside (l->lib.path), !=, F_UNLCK);
  /* The app still has the library open, so its WAL must still be there. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* And the app sees what the command line adds (they share one WAL). */
  g_assert_cmpint (wm_test_run_waymark (&l->run, l->lib.path, NULL, args), ==, 0);
  count = ask_app (l, "count");
  g_assert_cmpstr (count, ==, "3");

  if (kill9)
    kill_app (l);

  ids_after = cli_ids (l);
  assert_has (ids_after, first);
  assert_has (ids_after, second);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = NULL;

  if (argc == 3 && g_str_equal (argv[1], "--app"))
    return run_app (argv[2]);

  self = g_canonicalize_filename (argv[0], NULL);
  g_setenv ("WM_TEST_SELF", self, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/data/store/locks/chooser-sniff", Locks, GINT_TO_POINTER (FALSE),
              locks_setup, test_sniff_then_cli, locks_teardown);
  g_test_add ("/data/store/locks/chooser-sniff-kill9", Locks, GINT_TO_POINTER (TRUE),
              locks_setup, test_sniff_then_cli, locks_teardown);

  return g_test_run ();
}
