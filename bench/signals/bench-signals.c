/* bench-signals.c — pulling and summing adoption signals: 100,000 statements, 1,000 tutorials
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-signals [N_STATEMENTS [N_TUTORIALS]]      (default 100000 1000)
 *
 * Makes the statements readers of a published library would send (launched, progressed for
 * each step reached, completed, responded with a comment, terminated; some readers leave
 * early), serves them from an LRS-shaped endpoint on 127.0.0.1 (libsoup's server, pages of
 * 500 with "more", as an LRS answers), and times `waymark signals pull`'s path into a fresh
 * library, a second pull that finds nothing new, and the summaries (all tutorials, then one).
 * Prints wall time, CPU time and the process's peak memory.
 */
#define G_LOG_DOMAIN "bench-signals"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sys/resource.h>

#include "wm-xapi.h"

#define PAGE 500

typedef struct {
  GPtrArray *pages;    /* JSON text of each page, "more" linking the next */
} Lrs;

static char *
uuid_for (guint a,
          guint b)
{
  return g_strdup_printf ("%08x-0000-4000-8000-%012x", a, b);
}

static void
add_statement (GString    *out,
               guint       n,
               const char *tutorial,
               guint       reader,
               const char *verb,
               guint       step,
               const char *result)
{
  g_autofree char *id = uuid_for (0xbe0000 + n / 0x10000000, n);

  g_string_append_printf (out,
    "%s{\"id\":\"%s\",\"timestamp\":\"2026-12-01T10:%02u:%02uZ\",\"stored\":\"2026-12-01T11:00:00.%06uZ\","
    "\"actor\":{\"account\":{\"homePage\":\"https://help.example.com/\",\"name\":\"r%u\"}},"
    "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/%s\"},"
    "\"object\":{\"objectType\":\"Activity\",\"id\":\"urn:waymark:tutorial:%s\"},"
    "\"context\":{\"registration\":\"%s\",\"extensions\":{\"urn:waymark:xapi:tutorial\":\"%s\","
    "\"urn:waymark:xapi:version\":1,\"urn:waymark:xapi:step\":%u}}%s}",
    out->len > 1 && out->str[out->len - 1] != '[' ? "," : "", id, (n / 60) % 60, n % 60,
    n % 1000000, reader, verb, tutorial, id, tutorial, step, result);
}

/* Readers of each tutorial in turn: a 10-step read is 14 statements, a reader who leaves at
 * step 4 makes 6. */
static GPtrArray *
make_pages (guint n_statements,
            guint n_tutorials)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);
  GString *page = NULL;
  guint made = 0, in_page = 0, reader = 0;

  while (made < n_statements)
    {
      g_autofree char *tutorial = uuid_for (0x7a0000, reader % n_tutorials);
      guint last = reader % 3 == 0 ? 4 : 10;

      for (guint k = 0; k < last + 4 && made < n_statements; k++, made++, in_page++)
        {
          if (page == NULL)
            page = g_string_new ("{\"statements\":[");
          if (k == 0)
            add_statement (page, made, tutorial, reader, "launched", 0, "");
          else if (k <= last)
            add_statement (page, made, tutorial, reader, "progressed", k, "");
          else if (k == last + 1)
            add_statement (page, made, tutorial, reader, last == 10 ? "completed" : "terminated",
                           last, ",\"result\":{\"completion\":true,\"duration\":\"PT95.5S\"}");
          else if (k == last + 2)
            add_statement (page, made, tutorial, reader, "responded", last,
                           reader % 2 ? ",\"result\":{\"response\":\"yes\"}"
                                      : ",\"result\":{\"response\":\"no\",\"extensions\":"
                                        "{\"urn:waymark:xapi:comment\":\"Step 4 was unclear\"}}");
          else
            add_statement (page, made, tutorial, reader, "terminated", last, "");

          if (in_page + 1 == PAGE)
            {
              g_string_append_printf (page, "],\"more\":\"/xAPI/page/%u\"}", pages->len + 1);
              g_ptr_array_add (pages, g_string_free (page, FALSE));
              page = NULL;
              in_page = -1;
            }
        }
      reader++;
    }
  if (page != NULL)
    g_ptr_array_add (pages, g_string_free (g_string_append (page, "],\"more\":\"\"}"), FALSE));

  return pages;
}

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  Lrs *lrs = user_data;
  guint index = 0;
  const char *since = query ? g_hash_table_lookup (query, "since") : NULL;
  const char *page;

  if (g_str_has_prefix (path, "/xAPI/page/"))
    index = g_ascii_strtoull (path + strlen ("/xAPI/page/"), NULL, 10);
  /* A pull from the last stored time finds nothing new. */
  if (since != NULL)
    index = lrs->pages->len;

  page = index < lrs->pages->len ? g_ptr_array_index (lrs->pages, index)
                                 : "{\"statements\":[],\"more\":\"\"}";
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, page,
                                    strlen (page));
}

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static long
peak_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

typedef struct {
  const WmXapiPull *pull;
  WmStore          *store;
  guint             added, read;
  GError           *error;
  gboolean          done;
} PullJob;

static gpointer
pull_thread (gpointer data)
{
  PullJob *job = data;

  wm_xapi_pull (job->store, job->pull, &job->added, &job->read, NULL, &job->error);
  g_atomic_int_set (&job->done, TRUE);
  return NULL;
}

/* The server answers on this thread's main context while the pull runs on another. */
static void
timed_pull (const char *what,
            WmStore    *store,
            const char *endpoint)
{
  WmXapiPull pull = { endpoint, NULL, NULL, "a2V5OnNlY3JldA==", NULL };
  PullJob job = { &pull, store, 0, 0, NULL, FALSE };
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_seconds ();
  GThread *thread = g_thread_new ("pull", pull_thread, &job);

  while (!g_atomic_int_get (&job.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  if (job.error != NULL)
    g_error ("%s: %s", what, job.error->message);
  g_print ("%-24s %7u read %7u new  %7.2f s wall  %6.2f s CPU  peak %ld MB\n", what, job.read,
           job.added, (g_get_monotonic_time () - start) / 1e6, cpu_seconds () - cpu, peak_mb ());
}

static void
timed_summaries (WmStore    *store,
                 const char *tutorial)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) all = wm_store_list_signal_summaries (store, tutorial, &error);

  if (all == NULL)
    g_error ("summaries: %s", error->message);
  g_print ("%-24s %7u tutorials           %7.3f s wall  peak %ld MB\n",
           tutorial ? "summary of one" : "summaries of all", all->len,
           (g_get_monotonic_time () - start) / 1e6, peak_mb ());
}

int
main (int    argc,
      char **argv)
{
  guint n_statements = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  guint n_tutorials = argc > 2 ? g_ascii_strtoull (argv[2], NULL, 10) : 1000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wm-bench-signals-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *endpoint = NULL, *first = NULL;
  Lrs lrs = { make_pages (n_statements, n_tutorials) };

  soup_server_add_handler (server, "/xAPI", serve, &lrs, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error) ||
      !(store = wm_store_open (db, &error)))
    g_error ("%s", error->message);
  uris = soup_server_get_uris (server);
  endpoint = g_strdup_printf ("http://127.0.0.1:%d/xAPI/", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  g_print ("%u statements for %u tutorials, %u pages of %d, served on 127.0.0.1\n",
           n_statements, n_tutorials, lrs.pages->len, PAGE);
  timed_pull ("pull into a new library", store, endpoint);
  timed_pull ("pull again (nothing new)", store, endpoint);
  timed_summaries (store, NULL);
  first = uuid_for (0x7a0000, 0);
  timed_summaries (store, first);

  g_ptr_array_unref (lrs.pages);
  g_clear_object (&store);
  if (system (rm) != 0)
    g_warning ("could not remove %s", dir);
  return 0;
}
