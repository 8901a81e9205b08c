/* wm-site-location.c — a shared library location: reachable, writable, Waymark's or someone else's
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-site-location"

#include "config.h"

#include <glib/gi18n.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wm-site-location.h"
#include "wm-site-publisher.h"

struct _WmSiteLocation
{
  GObject     parent_instance;

  GFile      *file;
  gboolean    native;
  int         root_fd;        /* the local folder, opened once; -1 until then */
  GHashTable *checked_dirs;   /* remote folders known to be real folders */
};

G_DEFINE_FINAL_TYPE (WmSiteLocation, wm_site_location, G_TYPE_OBJECT)

static void
wm_site_location_finalize (GObject *object)
{
  WmSiteLocation *self = WM_SITE_LOCATION (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->checked_dirs, g_hash_table_unref);
  if (self->root_fd >= 0)
    close (self->root_fd);

  G_OBJECT_CLASS (wm_site_location_parent_class)->finalize (object);
}

static void
wm_site_location_class_init (WmSiteLocationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_site_location_finalize;
}

static void
wm_site_location_init (WmSiteLocation *self)
{
  self->root_fd = -1;
  self->checked_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

WmSiteLocation *
wm_site_location_new (GFile *file)
{
  WmSiteLocation *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (WM_TYPE_SITE_LOCATION, NULL);
  self->file = g_object_ref (file);
  /* sftp:// and the like may also have a FUSE path; GIO is the way there, not the path. */
  self->native = g_file_is_native (file);

  return self;
}

GFile *
wm_site_location_get_file (WmSiteLocation *self)
{
  g_return_val_if_fail (WM_IS_SITE_LOCATION (self), NULL);

  return self->file;
}

gboolean
wm_site_location_error (WmSiteLocation  *self,
                        GError          *cause,
                        GError         **error)
{
  g_autofree char *name = g_file_get_parse_name (self->file);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
      g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_UNREACHABLE,
                 _("Cannot publish to “%s”: it is read-only for you"), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_MOUNTED))
    g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_UNREACHABLE,
                 _("Cannot publish to “%s”: it is not mounted (open it once in Files, or "
                   "`gio mount` it)"), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_UNREACHABLE,
                 _("Cannot publish to “%s”: the folder it would be made in does not exist"), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_UNREACHABLE,
                 _("Cannot publish to “%s”: this kind of location cannot be reached from here "
                   "(sftp://, smb:// and dav:// need gvfs)"), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_BUSY))
    g_set_error_literal (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_FAILED,
                         cause->message);
  else
    g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_UNREACHABLE,
                 _("Cannot publish to “%1$s”: %2$s"), name, cause->message);

  return FALSE;
}

gboolean
wm_site_location_check (WmSiteLocation  *self,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (self->file);

  info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_clear_error (&local_error);
      if (g_file_make_directory (self->file, cancellable, &local_error))
        return TRUE;
      /* Another publisher made it meanwhile: what it is decides, as for any location. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_clear_error (&local_error);
          info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                    G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
        }
    }
  if (info == NULL)
    return wm_site_location_error (self, local_error, error);

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_NOT_A_LIBRARY,
                   _("Cannot publish to “%s”: it is not a folder"), name);
      return FALSE;
    }

  return TRUE;
}

gboolean
wm_site_location_check_empty (WmSiteLocation  *self,
                              gboolean        *interrupted,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean foreign = FALSE;
  GFileInfo *info;

  *interrupted = FALSE;
  children = g_file_enumerate_children (self->file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable,
                                        &local_error);
  if (children == NULL)
    return wm_site_location_error (self, local_error, error);

  while (g_file_enumerator_iterate (children, &info, NULL, cancellable, &local_error) &&
         info != NULL)
    {
      const char *child = g_file_info_get_name (info);

      if (g_str_equal (child, WM_SITE_LOCATION_MARKER))
        *interrupted = TRUE;
      /* The review inbox that `submit --to` makes is part of a library, even a new one. */
      else if (!g_str_equal (child, ".waymark-lock") && !g_str_equal (child, ".waymark-tmp") &&
               !g_str_equal (child, "inbox"))
        foreign = TRUE;
    }

  if (local_error != NULL)
    return wm_site_location_error (self, local_error, error);

  if (foreign && !*interrupted)
    {
      g_autofree char *name = g_file_get_parse_name (self->file);
      g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_NOT_A_LIBRARY,
                   _("Cannot publish to “%s”: the folder holds other files and no Waymark "
                     "library; choose an empty folder"), name);
      return FALSE;
    }

  return TRUE;
}

/* --- Never following a link ---------------------------------------------------------- */

static gboolean
set_not_a (GError     **error,
           GIOErrorEnum code,
           const char  *path)
{
  if (code == G_IO_ERROR_NOT_DIRECTORY)
    g_set_error (error, G_IO_ERROR, code, _("“%s” there is a link or not a folder; Waymark never "
                                            "follows links in a shared library"), path);
  else
    g_set_error (error, G_IO_ERROR, code, _("“%s” there is a link or not a regular file; Waymark "
                                            "never follows links in a shared library"), path);
  return FALSE;
}

static gboolean
set_errno (GError     **error,
           int          saved,
           const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("“%1$s”: %2$s"), path,
               g_strerror (saved));
  return FALSE;
}

static gboolean
path_is_valid (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path == NULL || *path == '\0' || *path == '/')
    return FALSE;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      return FALSE;

  return TRUE;
}

/* "t/x/index.html" → "t/x" and "index.html"; "a" → "" and "a". */
static char *
split_path (const char  *path,
            const char **name)
{
  const char *slash = strrchr (path, '/');

  *name = slash != NULL ? slash + 1 : path;
  return slash != NULL ? g_strndup (path, slash - path) : g_strdup ("");
}

static int
get_root_fd (WmSiteLocation  *self,
             GError         **error)
{
  g_autofree char *path = NULL;

  if (self->root_fd >= 0)
    return self->root_fd;

  /* The folder the user chose: its own path may go through links, what is inside may not. */
  path = g_file_get_path (self->file);
  self->root_fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (self->root_fd < 0)
    set_errno (error, errno, path);

  return self->root_fd;
}

/* A descriptor of folder @dir ("" is the location), each part opened relative to the one
 * above without following a link; made on the way when @make. */
static int
open_dir (WmSiteLocation  *self,
          const char      *dir,
          gboolean         make,
          GError         **error)
{
  g_auto(GStrv) parts = NULL;
  int root = get_root_fd (self, error);
  int fd;

  if (root < 0 || (fd = fcntl (root, F_DUPFD_CLOEXEC, 0)) < 0)
    return root < 0 ? -1 : (set_errno (error, errno, "."), -1);
  if (*dir == '\0')
    return fd;

  parts = g_strsplit (dir, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      int next, saved;

      if (make && mkdirat (fd, parts[i], 0755) != 0 && errno != EEXIST)
        saved = errno, next = -1;
      else
        {
          next = openat (fd, parts[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
          saved = errno;
        }
      close (fd);
      if (next < 0)
        {
          char *at = parts[i + 1];
          g_autofree char *shown = NULL;

          parts[i + 1] = NULL;
          shown = g_strjoinv ("/", parts);
          parts[i + 1] = at;
          if (saved == ELOOP || saved == ENOTDIR)
            set_not_a (error, G_IO_ERROR_NOT_DIRECTORY, shown);
          else
            set_errno (error, saved, shown);
          return -1;
        }
      fd = next;
    }

  return fd;
}

/* Remote: every folder of @dir (and @dir) is a real folder, made on the way when @make. */
static gboolean
check_remote_dirs (WmSiteLocation  *self,
                   const char      *dir,
                   gboolean         make,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_auto(GStrv) parts = g_strsplit (dir, "/", -1);
  g_autoptr(GString) prefix = g_string_new (NULL);

  for (guint i = 0; *dir != '\0' && parts[i] != NULL; i++)
    {
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;

      g_string_append_printf (prefix, "%s%s", i > 0 ? "/" : "", parts[i]);
      if (g_hash_table_contains (self->checked_dirs, prefix->str))
        continue;
      file = g_file_resolve_relative_path (self->file, prefix->str);
      if (make && !g_file_make_directory (file, cancellable, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, error);
      if (info == NULL)
        return FALSE;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        return set_not_a (error, G_IO_ERROR_NOT_DIRECTORY, prefix->str);
      g_hash_table_add (self->checked_dirs, g_strdup (prefix->str));
    }

  return TRUE;
}

/* The folder above @path checked (remote) or opened (local, returned; -2 when remote). */
static int
parent_of (WmSiteLocation  *self,
           const char      *path,
           const char     **name,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path_is_valid (path), -1);

  dir = split_path (path, name);
  if (self->native)
    return open_dir (self, dir, FALSE, error);

  return check_remote_dirs (self, dir, FALSE, cancellable, error) ? -2 : -1;
}

gboolean
wm_site_location_make_dirs (WmSiteLocation  *self,
                            const char      *dir,
                            GCancellable    *cancellable,
                            GError         **error)
{
  int fd;

  g_return_val_if_fail (WM_IS_SITE_LOCATION (self), FALSE);
  g_return_val_if_fail (path_is_valid (dir), FALSE);

  if (!self->native)
    return check_remote_dirs (self, dir, TRUE, cancellable, error);

  if ((fd = open_dir (self, dir, TRUE, error)) < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

static gboolean
write_fd (int          fd,
          GBytes      *bytes,
          const char  *path,
          GError     **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  while (size > 0)
    {
      ssize_t n = write (fd, data, MIN (size, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno (error, errno, path);
      data += n;
      size -= n;
    }

  return TRUE;
}

static gboolean
create_remote (WmSiteLocation  *self,
               const char      *path,
               GBytes          *bytes,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (self->file, path);
  g_autoptr(GFileOutputStream) out = g_file_create (file, G_FILE_CREATE_NONE, cancellable, error);

  if (out == NULL)
    return FALSE;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), NULL, cancellable, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    {
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
      g_file_delete (file, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
wm_site_location_create (WmSiteLocation  *self,
                         const char      *path,
                         GBytes          *bytes,
                         GCancellable    *cancellable,
                         GError         **error)
{
  const char *name;
  int dir, fd;
  gboolean ok;

  g_return_val_if_fail (WM_IS_SITE_LOCATION (self), FALSE);

  if ((dir = parent_of (self, path, &name, cancellable, error)) == -1)
    return FALSE;
  if (dir == -2)
    return create_remote (self, path, bytes, cancellable, error);

  fd = openat (dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_errno (error, errno, path);
      close (dir);
      return FALSE;
    }

  ok = write_fd (fd, bytes, path, error);
  if (close (fd) != 0 && ok)
    ok = set_errno (error, errno, path);
  /* Only what this call made: the name was free until the exclusive create above. */
  if (!ok)
    unlinkat (dir, name, 0);
  close (dir);

  return ok;
}

gboolean
wm_site_location_rename (WmSiteLocation  *self,
                         const char      *from,
                         const char      *to,
                         GCancellable    *cancellable,
                         GError         **error)
{
  const char *from_name, *to_name;
  int from_dir, to_dir;
  gboolean ok;

  g_return_val_if_fail (WM_IS_SITE_LOCATION (self), FALSE);

  if ((from_dir = parent_of (self, from, &from_name, cancellable, error)) == -1)
    return FALSE;
  if ((to_dir = parent_of (self, to, &to_name, cancellable, error)) == -1)
    {
      if (from_dir >= 0)
        close (from_dir);
      return FALSE;
    }

  if (from_dir == -2)
    {
      g_autoptr(GFile) source = g_file_resolve_relative_path (self->file, from);
      g_autoptr(GFile) dest = g_file_resolve_relative_path (self->file, to);

      /* A real rename or nothing: a copy-and-delete fallback would expose a half file. */
      return g_file_move (source, dest, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE |
                          G_FILE_COPY_NOFOLLOW_SYMLINKS, cancellable, NULL, NULL, error);
    }

  ok = renameat (from_dir, from_name, to_dir, to_name) == 0 || set_errno (error, errno, to);
  close (from_dir);
  close (to_dir);
  return ok;
}

gboolean
wm_site_location_delete (WmSiteLocation  *self,
                         const char      *path,
                         GCancellable    *cancellable,
                         GError         **error)
{
  const char *name;
  int dir;
  gboolean ok;

  g_return_val_if_fail (WM_IS_SITE_LOCATION (self), FALSE);

  if ((dir = parent_of (self, path, &name, cancellable, error)) == -1)
    return FALSE;
  if (dir == -2)
    {
      g_autoptr(GFile) file = g_file_resolve_relative_path (self->file, path);
      GFileType type = G_FILE_TYPE_UNKNOWN;

      /* Files and links only: a folder is never emptied from here. */
      if (!wm_site_location_query (self, path, &type, NULL, cancellable, error))
        return FALSE;
      if (type == G_FILE_TYPE_DIRECTORY)
        return set_not_a (error, G_IO_ERROR_NOT_REGULAR_FILE, path);
      return g_file_delete (file, cancellable, error);
    }

  ok = unlinkat (dir, name, 0) == 0 || set_errno (error, errno, path);
  close (dir);
  return ok;
}

static GFileType
type_of_mode (mode_t mode)
{
  if (S_ISREG (mode))
    return G_FILE_TYPE_REGULAR;
  if (S_ISDIR (mode))
    return G_FILE_TYPE_DIRECTORY;
  if (S_ISLNK (mode))
    return G_FILE_TYPE_SYMBOLIC_LINK;
  return G_FILE_TYPE_SPECIAL;
}

gboolean
wm_site_location_query (WmSiteLocation  *self,
                        const char      *path,
                        GFileType       *type,
                        guint64         *size,
                        GCancellable    *cancellable,
                        GError         **error)
{
  const char *name;
  struct stat st;
  int dir;
  gboolean ok;

  g_return_val_if_fail (WM_IS_SITE_LOCATION (self), FALSE);

  if ((dir = parent_of (self, path, &name, cancellable, error)) == -1)
    return FALSE;
  if (dir == -2)
    {
      g_autoptr(GFile) file = g_file_resolve_relative_path (self->file, path);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                                     G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                     cancellable, error);
      if (info == NULL)
        return FALSE;
      if (type != NULL)
        *type = g_file_info_get_file_type (info);
      if (size != NULL)
        *size = g_file_info_get_size (info);
      return TRUE;
    }

  ok = fstatat (dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 || set_errno (error, errno, path);
  close (dir);
  if (ok && type != NULL)
    *type = type_of_mode (st.st_mode);
  if (ok && size != NULL)
    *size = st.st_size;
  return ok;
}

static GBytes *
too_large (const char  *path,
           gsize        max_size,
           GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               /* TRANSLATORS: %1$s is a file in a shared library, %2$lu a number of bytes */
               _("“%1$s” there is larger than Waymark ever writes it (%2$lu bytes at most)"),
               path, (unsigned long) max_size);
  return NULL;
}

/* Reads @in to its end, keeping at most @max_size bytes: more is an error. */
static GBytes *
read_capped (GInputStream  *in,
             const char    *path,
             gsize          max_size,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[65536];

  for (;;)
    {
      gssize n = g_input_stream_read (in, chunk, sizeof chunk, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len + (gsize) n > max_size)
        return too_large (path, max_size, error);
      g_byte_array_append (data, chunk, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* The same for a local file: what was read counts, whatever fstat() said. */
static GBytes *
read_fd_capped (int          fd,
                const char  *path,
                gsize        max_size,
                GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[65536];

  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno (error, errno, path), NULL;
      if (n == 0)
        break;
      if (data->len + (gsize) n > max_size)
        return too_large (path, max_size, error);
      g_byte_array_append (data, chunk, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static GBytes *
load_remote (WmSiteLocation  *self,
             const char      *path,
             gsize            max_size,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (self->file, path);
  g_autoptr(GFileInputStream) in = NULL;
  GFileType type = G_FILE_TYPE_UNKNOWN;

  if (!wm_site_location_query (self, path, &type, NULL, cancellable, error))
    return NULL;
  if (type != G_FILE_TYPE_REGULAR)
    return set_not_a (error, G_IO_ERROR_NOT_REGULAR_FILE, path), NULL;
  if ((in = g_file_read (file, cancellable, error)) == NULL)
    return NULL;

  return read_capped (G_INPUT_STREAM (in), path, max_size, cancellable, error);
}

GBytes *
wm_site_location_load (WmSiteLocation  *self,
                       const char      *path,
                       gsize            max_size,
                       GCancellable    *cancellable,
                       GError         **error)
{
  GBytes *bytes;
  const char *name;
  struct stat st;
  int dir, fd;

  g_return_val_if_fail (WM_IS_SITE_LOCATION (self), NULL);

  if ((dir = parent_of (self, path, &name, cancellable, error)) == -1)
    return NULL;
  if (dir == -2)
    return load_remote (self, path, max_size, cancellable, error);

  /* Non-blocking, so a FIFO planted there cannot hang the open; checked before any read. */
  fd = openat (dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  close (dir);
  if (fd < 0)
    return errno == ELOOP ? (set_not_a (error, G_IO_ERROR_NOT_REGULAR_FILE, path), NULL)
                          : (set_errno (error, errno, path), NULL);
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return set_not_a (error, G_IO_ERROR_NOT_REGULAR_FILE, path), NULL;
    }

  bytes = read_fd_capped (fd, path, max_size, error);
  close (fd);
  return bytes;
}

GStrv
wm_site_location_list (WmSiteLocation  *self,
                       const char      *dir,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  struct dirent *entry;
  DIR *listing;
  int fd;

  g_return_val_if_fail (WM_IS_SITE_LOCATION (self), NULL);
  g_return_val_if_fail (path_is_valid (dir), NULL);

  if (!self->native)
    {
      g_autoptr(GFile) file = g_file_resolve_relative_path (self->file, dir);
      g_autoptr(GFileEnumerator) children = NULL;
      GFileInfo *info;

      if (!check_remote_dirs (self, dir, FALSE, cancellable, error) ||
          !(children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                  G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                  cancellable, error)))
        return NULL;
      while (g_file_enumerator_iterate (children, &info, NULL, cancellable, error))
        {
          if (info == NULL)
            return g_strv_builder_end (names);
          g_strv_builder_add (names, g_file_info_get_name (info));
        }
      return NULL;
    }

  if ((fd = open_dir (self, dir, FALSE, error)) < 0)
    return NULL;
  if ((listing = fdopendir (fd)) == NULL)
    {
      close (fd);
      return set_errno (error, errno, dir), NULL;
    }
  while ((entry = readdir (listing)) != NULL)
    if (!g_str_equal (entry->d_name, ".") && !g_str_equal (entry->d_name, ".."))
      g_strv_builder_add (names, entry->d_name);
  closedir (listing);

  return g_strv_builder_end (names);
}
