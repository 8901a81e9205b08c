/* wm-cli-publish.c — `waymark publish [ID…] --to LOCATION`: the shared tutorial library
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-cli-commands.h"
#include "wm-site-publisher.h"

typedef struct {
  GMainLoop *loop;
  GError    *error;
} Mount;

static void
mount_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Mount *mount = user_data;

  g_file_mount_enclosing_volume_finish (G_FILE (source), result, &mount->error);
  g_main_loop_quit (mount->loop);
}

/* sftp://, smb://, dav:// locations go through gvfs: mount them the way `gio mount` would
 * (keys, the keyring, anonymous), since a script has nobody to ask for a password. */
static gboolean
ensure_mounted (GFile   *location,
                GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GMountOperation) operation = NULL;
  Mount mount = { NULL, NULL };

  if (g_file_is_native (location))
    return TRUE;

  info = g_file_query_info (location, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            NULL, &local_error);
  if (info != NULL || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_MOUNTED))
    return TRUE;   /* the publisher reports anything else in its own words */

  operation = g_mount_operation_new ();
  mount.loop = g_main_loop_new (NULL, FALSE);
  g_file_mount_enclosing_volume (location, G_MOUNT_MOUNT_NONE, operation, NULL, mount_done,
                                 &mount);
  g_main_loop_run (mount.loop);
  g_main_loop_unref (mount.loop);

  if (mount.error != NULL && !g_error_matches (mount.error, G_IO_ERROR,
                                               G_IO_ERROR_ALREADY_MOUNTED))
    {
      g_autofree char *name = g_file_get_parse_name (location);
      g_set_error (error, G_IO_ERROR, mount.error->code, _("Cannot publish to “%s”: %s"), name,
                   mount.error->message);
      g_clear_error (&mount.error);
      return FALSE;
    }
  g_clear_error (&mount.error);

  return TRUE;
}

static void
print_summary (WmSitePublisher *publisher,
               const char      *location)
{
  const char * const *slugs = wm_site_publisher_get_published_slugs (publisher);
  guint n_published = wm_site_publisher_get_n_published (publisher);
  guint n_unchanged = wm_site_publisher_get_n_unchanged (publisher);

  for (guint i = 0; slugs[i] != NULL; i++)
    g_print ("t/%s/\n", slugs[i]);

  /* TRANSLATORS: the summary of `waymark publish`: %1$u tutorials were published to the
   * location %2$s, %3$u were left as they were and %4$u files were written, e.g.
   * "Published 3 tutorials to /srv/help (12 unchanged, 87 files written)" */
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "Published %1$u tutorial to %2$s (%3$u unchanged, %4$u files written)\n",
                           "Published %1$u tutorials to %2$s (%3$u unchanged, %4$u files written)\n",
                           n_published),
              n_published, location, n_unchanged,
              wm_site_publisher_get_n_files_written (publisher));
}

static gboolean
lrs_address_ok (const char *lrs)
{
  g_autofree char *origin = wm_site_lrs_origin (lrs);

  return origin != NULL;
}

/* The LRS is the library's: given once, every later publish keeps sending there (the
 * pages of tutorials not republished still do), until --no-lrs. */
static gboolean
remember_lrs (WmStore  *store,
              char    **lrs,
              char    **lrs_key,
              gboolean  forget,
              GError  **error)
{
  if (forget)
    return wm_store_set_setting (store, "publish.lrs", NULL, error) &&
           wm_store_set_setting (store, "publish.lrs-key", NULL, error);
  if (*lrs != NULL)
    return wm_store_set_setting (store, "publish.lrs", *lrs, error) &&
           wm_store_set_setting (store, "publish.lrs-key", *lrs_key, error);

  *lrs = wm_store_get_setting (store, "publish.lrs");
  *lrs_key = *lrs ? wm_store_get_setting (store, "publish.lrs-key") : NULL;
  /* A setting edited by hand into something else is not followed. */
  if (*lrs != NULL && !lrs_address_ok (*lrs))
    g_clear_pointer (lrs, g_free);
  return TRUE;
}

int
wm_cli_publish (WmCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *to = NULL, *base_url = NULL, *title = NULL, *lrs = NULL, *lrs_key = NULL;
  g_autofree char *language = NULL;
  gboolean quiet = FALSE, packages = FALSE, no_lrs = FALSE;
  GOptionEntry entries[] = {
    { "to", 't', 0, G_OPTION_ARG_STRING, &to,
      N_("The library location: a folder, or an sftp://, smb://, dav:// … URI"), N_("LOCATION") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("Where readers reach the location, for absolute links and embed snippets"), N_("URL") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The library's name on its pages"),
      N_("TEXT") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("The language of the pages’ own words, e.g. de (default: yours)"), N_("LANG") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing when all went well"), NULL },
    { "packages", 0, 0, G_OPTION_ARG_NONE, &packages,
      N_("Also write each tutorial's SCORM 1.2, SCORM 2004 and cmi5 packages beside it"), NULL },
    { "lrs", 0, 0, G_OPTION_ARG_STRING, &lrs,
      N_("Readers' players send xAPI statements to this LRS (kept for later publishes)"),
      N_("URL") },
    { "lrs-key", 0, 0, G_OPTION_ARG_STRING, &lrs_key,
      N_("The LRS's write-only key (KEY:SECRET, or its Basic credentials)"), N_("KEY") },
    { "no-lrs", 0, 0, G_OPTION_ARG_NONE, &no_lrs, N_("Stop sending statements to an LRS"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "publish", "[ID…]",
    _("Publish approved tutorials to a shared library: a static site with a catalogue, one "
      "page and one link per tutorial, embeds, widget.js, catalog.json and an Atom feed.\n\n"
      "Without IDs every tutorial with an approved version is published. Only what changed "
      "is written; other publishers' tutorials at the location are kept. Prints the link "
      "(relative to the location) of each tutorial it wrote."));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) location = NULL;
  g_autoptr(WmSitePublisher) publisher = NULL;
  g_autofree char *name = NULL;
  WmStore *store;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (to == NULL || *to == '\0')
    return wm_cli_usage (cli, _("give the library location with --to LOCATION"));
  if (lrs != NULL && !lrs_address_ok (lrs))
    return wm_cli_usage (cli, _("--lrs takes the LRS's xAPI address, http:// or https://"));
  if ((lrs_key != NULL && lrs == NULL) || (no_lrs && lrs != NULL))
    return wm_cli_usage (cli, _("--lrs-key goes with --lrs, and --no-lrs with neither"));

  location = g_file_new_for_commandline_arg (to);
  name = g_file_get_parse_name (location);
  if ((store = wm_cli_get_store (cli, &error)) == NULL || !ensure_mounted (location, &error))
    return wm_cli_fail_error (cli, error);

  if (!remember_lrs (store, &lrs, &lrs_key, no_lrs, &error))
    return wm_cli_fail_error (cli, error);

  publisher = wm_site_publisher_new (store, location);
  wm_site_publisher_set_base_url (publisher, base_url);
  wm_site_publisher_set_title (publisher, title);
  wm_site_publisher_set_lrs (publisher, lrs, lrs_key);
  wm_site_publisher_set_packages (publisher, packages);
  wm_site_publisher_set_language (publisher, language);
  if (!wm_site_publisher_publish (publisher, (const char * const *) argv + 1, NULL, &error))
    return wm_cli_fail_error (cli, error);

  if (!quiet)
    print_summary (publisher, name);

  return WM_CLI_OK;
}
