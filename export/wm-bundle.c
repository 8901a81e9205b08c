/* wm-bundle.c — writing bundles, sending them to a review inbox, importing them
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-bundle"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wm-bundle-private.h"
#include "wm-site-location.h"

struct _WmBundle
{
  GObject     parent_instance;
  WmTutorial *tutorial;
  GPtrArray  *images;
  GPtrArray  *history;
  char       *sender;
  char       *message;
  gint64      created_at;
};

G_DEFINE_FINAL_TYPE (WmBundle, wm_bundle, G_TYPE_OBJECT)
G_DEFINE_QUARK (wm-bundle-error-quark, wm_bundle_error)

static void
wm_bundle_finalize (GObject *object)
{
  WmBundle *self = (WmBundle *) object;

  g_clear_object (&self->tutorial);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->sender, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (wm_bundle_parent_class)->finalize (object);
}

static void
wm_bundle_class_init (WmBundleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_bundle_finalize;
}

static void
wm_bundle_init (WmBundle *self)
{
}

WmBundle *
wm_bundle_new_checked (WmTutorial *tutorial,
                       GPtrArray  *images,
                       GPtrArray  *history,
                       const char *sender,
                       const char *message,
                       gint64      created_at)
{
  WmBundle *self = g_object_new (WM_TYPE_BUNDLE, NULL);

  self->tutorial = g_object_ref (tutorial);
  self->images = g_ptr_array_ref (images);
  self->history = g_ptr_array_ref (history);
  self->sender = g_strdup (sender);
  self->message = g_strdup (message);
  self->created_at = created_at;

  return self;
}

WmTutorial *
wm_bundle_get_tutorial (WmBundle *self)
{
  g_return_val_if_fail (WM_IS_BUNDLE (self), NULL);
  return self->tutorial;
}

GPtrArray *
wm_bundle_get_images (WmBundle *self)
{
  g_return_val_if_fail (WM_IS_BUNDLE (self), NULL);
  return self->images;
}

GPtrArray *
wm_bundle_get_history (WmBundle *self)
{
  g_return_val_if_fail (WM_IS_BUNDLE (self), NULL);
  return self->history;
}

const char *
wm_bundle_get_sender (WmBundle *self)
{
  g_return_val_if_fail (WM_IS_BUNDLE (self), NULL);
  return self->sender;
}

const char *
wm_bundle_get_message (WmBundle *self)
{
  g_return_val_if_fail (WM_IS_BUNDLE (self), NULL);
  return self->message;
}

gint64
wm_bundle_get_created_at (WmBundle *self)
{
  g_return_val_if_fail (WM_IS_BUNDLE (self), 0);
  return self->created_at;
}

/* Reading --------------------------------------------------------------------------- */

WmBundle *
wm_bundle_new_from_bytes (GBytes  *contents,
                          GError **error)
{
  g_return_val_if_fail (contents != NULL, NULL);
  return wm_bundle_read (contents, error);
}

static GBytes *
load_capped (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  char *data = NULL;
  gsize len = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, WM_BUNDLE_ERROR, WM_BUNDLE_ERROR_INVALID, _("it is not a file"));
      return NULL;
    }

  /* Checked before reading, and again after: the file may grow in between. */
  if (g_file_info_get_size (info) > WM_BUNDLE_MAX_SIZE)
    goto too_large;

  if (!g_file_load_contents (file, cancellable, &data, &len, NULL, error))
    return NULL;

  if (len > WM_BUNDLE_MAX_SIZE)
    {
      g_free (data);
      goto too_large;
    }

  return g_bytes_new_take (data, len);

too_large:
  g_set_error (error, WM_BUNDLE_ERROR, WM_BUNDLE_ERROR_TOO_LARGE,
               _("it is larger than %d MB, more than any tutorial needs"),
               WM_BUNDLE_MAX_SIZE / (1024 * 1024));
  return NULL;
}

WmBundle *
wm_bundle_load (GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *name = NULL;
  WmBundle *bundle = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  contents = load_capped (file, cancellable, error);
  if (contents != NULL)
    bundle = wm_bundle_read (contents, error);

  if (bundle == NULL)
    {
      name = g_file_get_parse_name (file);
      g_prefix_error (error, _("Cannot use bundle “%s”: "), name);
    }

  return bundle;
}

gboolean
wm_bundle_import (WmBundle         *self,
                  WmStore          *store,
                  WmImportOutcome  *outcome,
                  guint            *version,
                  GError          **error)
{
  const char *contributor;

  g_return_val_if_fail (WM_IS_BUNDLE (self), FALSE);
  g_return_val_if_fail (WM_IS_STORE (store), FALSE);

  contributor = self->sender ? self->sender : wm_tutorial_get_author (self->tutorial);

  return wm_review_import (store, self->tutorial, self->images, self->history, contributor,
                           self->message, outcome, version, error);
}

/* Writing --------------------------------------------------------------------------- */

char *
wm_bundle_make_basename (WmTutorial *tutorial)
{
  g_return_val_if_fail (WM_IS_TUTORIAL (tutorial), NULL);

  /* The id was checked as a UUID when it was stored: no slash, no dot-dot. */
  g_return_val_if_fail (g_uuid_string_is_valid (wm_tutorial_get_id (tutorial)), NULL);

  return g_strdup_printf ("%s-v%u" WM_BUNDLE_SUFFIX, wm_tutorial_get_id (tutorial),
                          wm_tutorial_get_version (tutorial));
}

static gboolean
copy_images (WmStore     *from,
             WmStore     *to,
             WmTutorial  *t,
             GError     **error)
{
  GListModel *steps = wm_tutorial_get_steps (t);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      const char *sha = wm_step_get_image_sha256 (wm_tutorial_get_step (t, i));
      g_autoptr(WmImage) image = NULL;

      if (sha == NULL || wm_store_has_image (to, sha))
        continue;

      image = wm_store_load_image (from, sha, error);
      if (image == NULL || !wm_store_add_image (to, image, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_meta (WmStore           *bundle,
            const WmIdentity  *sender,
            const char        *message,
            GError           **error)
{
  g_autofree char *who = NULL;
  g_autofree char *created = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());

  if (sender && sender->name && sender->email)
    who = g_strdup_printf ("%s <%s>", sender->name, sender->email);
  else if (sender)
    who = g_strdup (sender->name ? sender->name : sender->email);

  return (who == NULL || wm_store_set_setting (bundle, WM_BUNDLE_KEY_SENDER, who, error)) &&
         (message == NULL || wm_store_set_setting (bundle, WM_BUNDLE_KEY_MESSAGE, message, error)) &&
         wm_store_set_setting (bundle, WM_BUNDLE_KEY_CREATED, created, error);
}

/* A library file fit to travel: one file (no -wal beside it), no free pages. */
static gboolean
compact (const char  *path,
         GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA journal_mode = DELETE; VACUUM;", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    g_set_error (error, WM_BUNDLE_ERROR, WM_BUNDLE_ERROR_FAILED,
                 _("Cannot finish the bundle: %s"), db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));

  sqlite3_close_v2 (db);
  return rc == SQLITE_OK;
}

static gboolean
fill_bundle (WmStore           *store,
             const char        *tutorial_id,
             const char        *path,
             const WmIdentity  *sender,
             const char        *message,
             GError           **error)
{
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(WmStore) bundle = NULL;

  if (!(t = wm_store_load_tutorial (store, tutorial_id, TRUE, error)) ||
      !(history = wm_review_list_history (store, tutorial_id, error)) ||
      !(bundle = wm_store_open (path, error)))
    return FALSE;

  return copy_images (store, bundle, t, error) &&
         wm_store_save_tutorial (bundle, t, error) &&
         wm_review_add_history (bundle, history, error) &&
         write_meta (bundle, sender, message, error);
}

static void
remove_tmp (const char *dir,
            const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
}

/* The whole bundle of the tutorial as bytes: built in a private temporary folder, compacted,
 * read back. */
static GBytes *
build_bundle (WmStore           *store,
              const char        *tutorial_id,
              const WmIdentity  *sender,
              const char        *message,
              GError           **error)
{
  g_autofree char *dir = NULL, *path = NULL, *data = NULL;
  gsize len = 0;
  gboolean ok;

  dir = g_dir_make_tmp ("waymark-bundle-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "bundle" WM_BUNDLE_SUFFIX, NULL);

  ok = fill_bundle (store, tutorial_id, path, sender, message, error) &&
       compact (path, error) &&
       g_file_get_contents (path, &data, &len, error);
  remove_tmp (dir, path);

  return ok ? g_bytes_new_take (g_steal_pointer (&data), len) : NULL;
}

gboolean
wm_bundle_write (WmStore           *store,
                 const char        *tutorial_id,
                 GFile             *dest,
                 const WmIdentity  *sender,
                 const char        *message,
                 GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (tutorial_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  /* Built beside, then replaced in one step: a reader never sees half a bundle. */
  return (bytes = build_bundle (store, tutorial_id, sender, message, error)) != NULL &&
         g_file_replace_contents (dest, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

/* The review inbox ------------------------------------------------------------------ */

/* "<id>-v<N>-<16 random hex>.waymark": the inbox is writable by everyone who can submit, so
 * a name they could guess could be taken in advance (a link to a file of the sender's). */
static char *
make_inbox_name (WmTutorial *t)
{
  g_autofree char *base = wm_bundle_make_basename (t);
  g_autofree char *stem = g_strndup (base, strlen (base) - strlen (WM_BUNDLE_SUFFIX));

  return g_strdup_printf ("%s-%08x%08x" WM_BUNDLE_SUFFIX, stem, g_random_int (),
                          g_random_int ());
}

GFile *
wm_bundle_send (WmStore           *store,
                const char        *tutorial_id,
                GFile             *location,
                const WmIdentity  *sender,
                const char        *message,
                GError           **error)
{
  g_autoptr(WmSiteLocation) site = NULL;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (location), NULL);

  t = wm_store_load_tutorial (store, tutorial_id, FALSE, error);
  if (t == NULL)
    return NULL;

  /* The inbox folder must be a real one, and the file is created exclusively under a fresh
   * name: nothing planted there (a link above all) is ever followed or written through. */
  site = wm_site_location_new (location);
  if (!wm_site_location_make_dirs (site, WM_BUNDLE_INBOX, NULL, error) ||
      (bytes = build_bundle (store, tutorial_id, sender, message, error)) == NULL)
    return NULL;

  for (guint attempt = 0;; attempt++)
    {
      g_autofree char *name = make_inbox_name (t);
      g_autofree char *path = g_strconcat (WM_BUNDLE_INBOX "/", name, NULL);
      g_autoptr(GError) local_error = NULL;

      if (wm_site_location_create (site, path, bytes, NULL, &local_error))
        return g_file_resolve_relative_path (location, path);
      if (attempt == 3 || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

static int
compare_mtime (gconstpointer a,
               gconstpointer b)
{
  GFileInfo *ia = *(GFileInfo * const *) a;
  GFileInfo *ib = *(GFileInfo * const *) b;
  guint64 ta = g_file_info_get_attribute_uint64 (ia, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  guint64 tb = g_file_info_get_attribute_uint64 (ib, G_FILE_ATTRIBUTE_TIME_MODIFIED);

  if (ta != tb)
    return ta < tb ? -1 : 1;

  return g_strcmp0 (g_file_info_get_name (ia), g_file_info_get_name (ib));
}

GPtrArray *
wm_bundle_list_inbox (GFile   *location,
                      GError **error)
{
  g_autoptr(GFile) inbox = g_file_get_child (location, WM_BUNDLE_INBOX);
  g_autoptr(WmSiteLocation) site = wm_site_location_new (location);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *files = NULL;
  GFileType type = G_FILE_TYPE_UNKNOWN;
  GFileInfo *info;

  /* An inbox that is a link would list (and hand to import) someone else's folder. (One that
   * is not there fails below, with GIO's own words.) */
  if (wm_site_location_query (site, WM_BUNDLE_INBOX, &type, NULL, NULL, NULL) &&
      type != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                           "“" WM_BUNDLE_INBOX "” there is a link or not a folder; Waymark never "
                           "follows links in a shared library");
      return NULL;
    }
  files = g_ptr_array_new_with_free_func (g_object_unref);

  children = g_file_enumerate_children (inbox, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, error);
  if (children == NULL)
    {
      g_ptr_array_unref (files);
      return NULL;
    }

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          g_str_has_suffix (g_file_info_get_name (info), WM_BUNDLE_SUFFIX))
        g_ptr_array_add (infos, info);
      else
        g_object_unref (info);
    }

  g_ptr_array_sort (infos, compare_mtime);
  for (guint i = 0; i < infos->len; i++)
    g_ptr_array_add (files, g_file_get_child (inbox, g_file_info_get_name (
                                                g_ptr_array_index (infos, i))));

  return files;
}
