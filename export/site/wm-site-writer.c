/* wm-site-writer.c — writes a published library's files so no reader ever sees half of one
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-site-writer"

#include "config.h"

#include <signal.h>

#include "wm-site-writer.h"

#define TMP_DIR ".waymark-tmp"

struct _WmSiteWriter
{
  GObject     parent_instance;

  GFile      *root;
  GFile      *tmp_dir;
  GHashTable *made_dirs;   /* paths of folders known to exist */
  guint       n_written;
  guint64     bytes_written;
  guint       kill_after;  /* test hook, 0 = never */
};

G_DEFINE_FINAL_TYPE (WmSiteWriter, wm_site_writer, G_TYPE_OBJECT)

static void
wm_site_writer_finalize (GObject *object)
{
  WmSiteWriter *self = WM_SITE_WRITER (object);

  g_clear_object (&self->root);
  g_clear_object (&self->tmp_dir);
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
wm_site_writer_new (GFile *root)
{
  WmSiteWriter *self;

  g_return_val_if_fail (G_IS_FILE (root), NULL);

  self = g_object_new (WM_TYPE_SITE_WRITER, NULL);
  self->root = g_object_ref (root);
  self->tmp_dir = g_file_get_child (root, TMP_DIR);

  return self;
}

GFile *
wm_site_writer_get_root (WmSiteWriter *self)
{
  g_return_val_if_fail (WM_IS_SITE_WRITER (self), NULL);

  return self->root;
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

static gboolean
make_dir (WmSiteWriter  *self,
          GFile         *dir,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *key = g_file_get_uri (dir);
  g_autoptr(GError) local_error = NULL;

  if (g_hash_table_contains (self->made_dirs, key))
    return TRUE;

  if (!g_file_make_directory (dir, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_hash_table_add (self->made_dirs, g_steal_pointer (&key));
  return TRUE;
}

/* Makes @dir, somewhere under the root, and the folders above it, from the top down:
 * g_file_make_directory_with_parents() climbs up only on NOT_FOUND, and WebDAV servers answer
 * a missing parent with "409 Conflict", which gvfs passes on as a plain failure. */
static gboolean
ensure_dir (WmSiteWriter  *self,
            GFile         *dir,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *relative = g_file_get_relative_path (self->root, dir);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GFile) current = NULL;

  if (relative == NULL)
    return make_dir (self, dir, cancellable, error);

  parts = g_strsplit (relative, G_DIR_SEPARATOR_S, -1);
  current = g_object_ref (self->root);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      GFile *child = g_file_get_child (current, parts[i]);

      g_object_unref (current);
      current = child;
      if (!make_dir (self, current, cancellable, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
wm_site_writer_clean (WmSiteWriter  *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;
  GFile *child;

  g_return_val_if_fail (WM_IS_SITE_WRITER (self), FALSE);

  children = g_file_enumerate_children (self->tmp_dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable,
                                        &local_error);
  if (children == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  while (g_file_enumerator_iterate (children, &info, &child, cancellable, error))
    {
      if (info == NULL)
        return TRUE;
      if (!g_file_delete (child, cancellable, error))
        return FALSE;
    }

  return FALSE;
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

/* Writes @bytes to a fresh file in the temporary folder; returns it. */
static GFile *
write_beside (WmSiteWriter  *self,
              GBytes        *bytes,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (uuid, ".part", NULL);
  g_autoptr(GFile) tmp = g_file_get_child (self->tmp_dir, name);
  g_autoptr(GFileOutputStream) out = NULL;
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (!ensure_dir (self, self->tmp_dir, cancellable, error))
    return NULL;

  out = g_file_create (tmp, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return NULL;

  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), data, size, NULL, cancellable, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    {
      g_file_delete (tmp, NULL, NULL);
      return NULL;
    }

  return g_steal_pointer (&tmp);
}

gboolean
wm_site_writer_replace (WmSiteWriter  *self,
                        const char    *path,
                        GBytes        *bytes,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) tmp = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (WM_IS_SITE_WRITER (self), FALSE);
  g_return_val_if_fail (path != NULL && path[0] != '/', FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  dest = g_file_resolve_relative_path (self->root, path);
  parent = g_file_get_parent (dest);
  if (!ensure_dir (self, parent, cancellable, error))
    return FALSE;

  tmp = write_beside (self, bytes, cancellable, error);
  if (tmp == NULL)
    return FALSE;

  /* A real rename or nothing: a copy-and-delete fallback would expose a half file. */
  if (!g_file_move (tmp, dest, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                    cancellable, NULL, NULL, &local_error))
    {
      g_file_delete (tmp, NULL, NULL);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* Backends without rename (some WebDAV servers): the backend's own replace is the
       * best atomicity there is. */
      g_debug ("No rename on %s, replacing in place", path);
      if (!g_file_replace_contents (dest, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, error))
        return FALSE;
    }

  count_written (self, g_bytes_get_size (bytes));
  return TRUE;
}

gboolean
wm_site_writer_write_once (WmSiteWriter  *self,
                           const char    *path,
                           GBytes        *bytes,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GFile) dest = NULL;

  g_return_val_if_fail (WM_IS_SITE_WRITER (self), FALSE);

  dest = g_file_resolve_relative_path (self->root, path);
  if (g_file_query_exists (dest, cancellable))
    return TRUE;

  return wm_site_writer_replace (self, path, bytes, cancellable, error);
}

GBytes *
wm_site_writer_load (WmSiteWriter  *self,
                     const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  g_return_val_if_fail (WM_IS_SITE_WRITER (self), NULL);

  file = g_file_resolve_relative_path (self->root, path);
  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
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
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (WM_IS_SITE_WRITER (self), FALSE);

  /* A catalogue of 10,000 tutorials is megabytes: read it back only when its size says the
   * bytes may be the same. */
  file = g_file_resolve_relative_path (self->root, path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info == NULL || (guint64) g_file_info_get_size (info) != g_bytes_get_size (bytes))
    return wm_site_writer_replace (self, path, bytes, cancellable, error);

  current = wm_site_writer_load (self, path, cancellable, &local_error);
  if (current != NULL && g_bytes_equal (current, bytes))
    return TRUE;

  return wm_site_writer_replace (self, path, bytes, cancellable, error);
}
