/* wm-site-location.c — a shared library location: reachable, writable, Waymark's or someone else's
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-site-location"

#include "config.h"

#include "wm-site-location.h"
#include "wm-site-publisher.h"

struct _WmSiteLocation
{
  GObject  parent_instance;

  GFile   *file;
};

G_DEFINE_FINAL_TYPE (WmSiteLocation, wm_site_location, G_TYPE_OBJECT)

static void
wm_site_location_finalize (GObject *object)
{
  g_clear_object (&WM_SITE_LOCATION (object)->file);

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
}

WmSiteLocation *
wm_site_location_new (GFile *file)
{
  WmSiteLocation *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (WM_TYPE_SITE_LOCATION, NULL);
  self->file = g_object_ref (file);

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
                 "Cannot publish to “%s”: it is read-only for you", name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_MOUNTED))
    g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_UNREACHABLE,
                 "Cannot publish to “%s”: it is not mounted (open it once in Files, or "
                 "`gio mount` it)", name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_UNREACHABLE,
                 "Cannot publish to “%s”: the folder it would be made in does not exist", name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_UNREACHABLE,
                 "Cannot publish to “%s”: this kind of location cannot be reached from here "
                 "(sftp://, smb:// and dav:// need gvfs)", name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_BUSY))
    g_set_error_literal (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_FAILED,
                         cause->message);
  else
    g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_UNREACHABLE,
                 "Cannot publish to “%s”: %s", name, cause->message);

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
                   "Cannot publish to “%s”: it is not a folder", name);
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
      else if (!g_str_equal (child, ".waymark-lock") && !g_str_equal (child, ".waymark-tmp"))
        foreign = TRUE;
    }

  if (local_error != NULL)
    return wm_site_location_error (self, local_error, error);

  if (foreign && !*interrupted)
    {
      g_autofree char *name = g_file_get_parse_name (self->file);
      g_set_error (error, WM_SITE_PUBLISHER_ERROR, WM_SITE_PUBLISHER_ERROR_NOT_A_LIBRARY,
                   "Cannot publish to “%s”: the folder holds other files and no Waymark "
                   "library; choose an empty folder", name);
      return FALSE;
    }

  return TRUE;
}
