/* wm-site-writer.c — writes a published library's files so no reader ever sees half of one
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-site-writer"

#include "config.h"

#include <glib/gi18n.h>

#include <signal.h>
#include <string.h>

#include "wm-site-writer.h"

#define TMP_DIR ".waymark-tmp"

struct _WmSiteWriter
{
  GObject         parent_instance;

  WmSiteLocation *location;
  GHashTable     *made_dirs;   /* folders known to exist (and to be real folders) */
  guint           n_written;
  guint64         bytes_written;
  guint           kill_after;  /* test hook, 0 = never */
};

G_DEFINE_FINAL_TYPE (WmSiteWriter, wm_site_writer, G_TYPE_OBJECT)

static void
wm_site_writer_finalize (GObject *object)
{
  WmSiteWriter *self = WM_SITE_WRITER (object);

  g_clear_object (&self->location);
  g_clear_pointer (&self->made_dirs, g_hash_table_unref);

  G_OBJECT_CLASS (wm_site_writer_parent_class)->finalize (object);
}

static void
wm_site_writer_class_init (WmSiteWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_site_writer_finalize;
}

static void
wm_site_writer_init (WmSiteWriter *self)
{
  const char *kill_after = g_getenv ("WAYMARK_PUBLISH_KILL_AFTER");

  self->made_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (kill_after != NULL)
    self->kill_after = (guint) g_ascii_strtoull (kill_after, NULL, 10);
}

WmSiteWriter *
wm_site_writer_new (WmSiteLocation *location)
{
  WmSiteWriter *self;

  g_return_val_if_fail (WM_IS_SITE_LOCATION (location), NULL);

  self = g_object_new (WM_TYPE_SITE_WRITER, NULL);
  self->location = g_object_ref (location);

  return self;
}

guint
wm_site_writer_get_n_written (WmSiteWriter *self)
{
  g_return_val_if_fail (WM_IS_SITE_WRITER (self), 0);

  return self->n_written;
}

guint64
wm_site_writer_get_bytes_written (WmSiteWriter *self)
{
  g_return_val_if_fail (WM_IS_SITE_WRITER (self), 0);

  return self->bytes_written;
}

/* Makes @dir and the folders above it, top down (WebDAV answers a missing parent with "409
 * Conflict", not NOT_FOUND), each a real folder, not a link. */
static gboolean
ensure_dir (WmSiteWriter  *self,
            const char    *dir,
            GCancellable  *cancellable,
            GError       **error)
{
  if (*dir == '\0' || g_hash_table_contains (self->made_dirs, dir))
    return TRUE;
  if (!wm_site_location_make_dirs (self->location, dir, cancellable, error))
    return FALSE;

  g_hash_table_add (self->made_dirs, g_strdup (dir));
  return TRUE;
}

static gboolean
is_part_name (const char *name)
{
  g_autofree char *uuid = NULL;

  if (!g_str_has_suffix (name, ".part"))
    return FALSE;
  uuid = g_strndup (name, strlen (name) - strlen (".part"));

  return g_uuid_string_is_valid (uuid);
}

gboolean
wm_site_writer_clean (WmSiteWriter  *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) names = NULL;
  GFileType type = G_FILE_TYPE_UNKNOWN;

  g_return_val_if_fail (WM_IS_SITE_WRITER (self), FALSE);

  if (!wm_site_location_query (self->location, TMP_DIR, &type, NULL, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (type != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("“%s” there is a link or not a folder; Waymark never follows links in a "
                     "shared library (remove it)"), TMP_DIR);
      return FALSE;
    }

  if ((names = wm_site_location_list (self->location, TMP_DIR, cancellable, error)) == NULL)
    return FALSE;

  /* Only what write_beside() makes: anything else there is left alone. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (TMP_DIR "/", names[i], NULL);
      g_autoptr(GError) delete_error = NULL;

      if (is_part_name (names[i]) &&
          !wm_site_location_delete (self->location, path, cancellable, &delete_error) &&
          !g_error_matches (delete_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&delete_error));
          return FALSE;
        }
    }
  g_hash_table_add (self->made_dirs, g_strdup (TMP_DIR));

  return TRUE;
}

static void
count_written (WmSiteWriter *self,
               gsize         size)
{
  self->n_written++;
  self->bytes_written += size;

  /* The test hook: die the way a crash or `kill -9` would, between two renames. */
  if (self->kill_after != 0 && self->n_written >= self->kill_after)
    raise (SIGKILL);
}

/* Writes @bytes to a fresh file in the temporary folder, created exclusively; returns its
 * path. */
static char *
write_beside (WmSiteWriter  *self,
              GBytes        *bytes,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *path = g_strconcat (TMP_DIR "/", uuid, ".part", NULL);

  if (!ensure_dir (self, TMP_DIR, cancellable, error) ||
      !wm_site_location_create (self->location, path, bytes, cancellable, error))
    return NULL;

  return g_steal_pointer (&path);
}

/* Backends without rename (some WebDAV servers): the backend's own replace is the best
 * atomicity there is; never through a link or over a folder. */
static gboolean
replace_in_place (WmSiteWriter  *self,
                  const char    *path,
                  GBytes        *bytes,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFile) dest = g_file_resolve_relative_path (wm_site_location_get_file (self->location),
                                                        path);
  GFileType type = G_FILE_TYPE_UNKNOWN;

  if (wm_site_location_query (self->location, path, &type, NULL, cancellable, NULL) &&
      type != G_FILE_TYPE_REGULAR &&
      !wm_site_location_delete (self->location, path, cancellable, error))
    return FALSE;

  g_debug ("No rename on %s, replacing in place", path);
  return g_file_replace_contents (dest, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, error);
}

gboolean
wm_site_writer_replace (WmSiteWriter  *self,
                        const char    *path,
                        GBytes        *bytes,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tmp = NULL;
  const char *slash;

  g_return_val_if_fail (WM_IS_SITE_WRITER (self), FALSE);
  g_return_val_if_fail (path != NULL && path[0] != '/', FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if ((slash = strrchr (path, '/')) != NULL)
    {
      g_autofree char *dir = g_strndup (path, slash - path);
      if (!ensure_dir (self, dir, cancellable, error))
        return FALSE;
    }

  if ((tmp = write_beside (self, bytes, cancellable, error)) == NULL)
    return FALSE;

  if (!wm_site_location_rename (self->location, tmp, path, cancellable, &local_error))
    {
      wm_site_location_delete (self->location, tmp, NULL, NULL);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!replace_in_place (self, path, bytes, cancellable, error))
        return FALSE;
    }

  count_written (self, g_bytes_get_size (bytes));
  return TRUE;
}

static gboolean
is_regular (WmSiteWriter  *self,
            const char    *path,
            guint64       *size,
            GCancellable  *cancellable)
{
  GFileType type = G_FILE_TYPE_UNKNOWN;

  return wm_site_location_query (self->location, path, &type, size, cancellable, NULL) &&
         type == G_FILE_TYPE_REGULAR;
}

gboolean
wm_site_writer_write_once (WmSiteWriter  *self,
                           const char    *path,
                           GBytes        *bytes,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_return_val_if_fail (WM_IS_SITE_WRITER (self), FALSE);

  if (is_regular (self, path, NULL, cancellable))
    return TRUE;

  return wm_site_writer_replace (self, path, bytes, cancellable, error);
}

GBytes *
wm_site_writer_load (WmSiteWriter  *self,
                     const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  g_return_val_if_fail (WM_IS_SITE_WRITER (self), NULL);

  bytes = wm_site_location_load (self->location, path, WM_SITE_WRITER_MAX_LOAD, cancellable,
                                 &local_error);
  if (bytes == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return bytes;
}

gboolean
wm_site_writer_write_if_changed (WmSiteWriter  *self,
                                 const char    *path,
                                 GBytes        *bytes,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(GBytes) current = NULL;
  guint64 size = 0;

  g_return_val_if_fail (WM_IS_SITE_WRITER (self), FALSE);

  /* A catalogue of 10,000 tutorials is megabytes: read it back only when its size says the
   * bytes may be the same. */
  if (!is_regular (self, path, &size, cancellable) || size != g_bytes_get_size (bytes))
    return wm_site_writer_replace (self, path, bytes, cancellable, error);

  current = wm_site_writer_load (self, path, cancellable, NULL);
  if (current != NULL && g_bytes_equal (current, bytes))
    return TRUE;

  return wm_site_writer_replace (self, path, bytes, cancellable, error);
}
