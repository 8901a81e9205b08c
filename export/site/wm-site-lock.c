/* wm-site-lock.c — one publisher at a time per library location, across hosts
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-site-lock"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wm-site-lock.h"

#define LOCK_NAME ".waymark-lock"
#define STALE_AFTER_USEC (10 * G_TIME_SPAN_MINUTE)
#define POLL_USEC (50 * G_TIME_SPAN_MILLISECOND)
#define REFRESH_USEC G_TIME_SPAN_MINUTE

struct _WmSiteLock
{
  GObject  parent_instance;

  GFile   *file;       /* NULL once released */
  char    *owner;      /* what the lock file says while it is ours */
  gint64   refreshed;  /* monotonic time of the last write */
  gboolean lost;       /* another publisher broke it */
};

G_DEFINE_FINAL_TYPE (WmSiteLock, wm_site_lock, G_TYPE_OBJECT)

static void
wm_site_lock_dispose (GObject *object)
{
  wm_site_lock_release (WM_SITE_LOCK (object));

  G_OBJECT_CLASS (wm_site_lock_parent_class)->dispose (object);
}

static void
wm_site_lock_finalize (GObject *object)
{
  g_clear_pointer (&WM_SITE_LOCK (object)->owner, g_free);

  G_OBJECT_CLASS (wm_site_lock_parent_class)->finalize (object);
}

static void
wm_site_lock_class_init (WmSiteLockClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wm_site_lock_dispose;
  G_OBJECT_CLASS (klass)->finalize = wm_site_lock_finalize;
}

static void
wm_site_lock_init (WmSiteLock *self)
{
}

/* "host pid since token": the token tells this holder's lock from any other's, even one of
 * the same process made in the same microsecond. */
static char *
make_owner (void)
{
  g_autofree char *token = g_uuid_string_random ();

  return g_strdup_printf ("%s %d %" G_GINT64_FORMAT " %s\n", g_get_host_name (), (int) getpid (),
                          g_get_real_time (), token);
}

/* Whether the lock file still holds what this holder wrote; a read error counts as no. */
static gboolean
is_still_ours (WmSiteLock    *self,
               GCancellable  *cancellable)
{
  g_autofree char *contents = NULL;

  if (self->file == NULL || self->lost)
    return FALSE;
  if (!g_file_load_contents (self->file, cancellable, &contents, NULL, NULL, NULL) ||
      g_strcmp0 (contents, self->owner) != 0)
    self->lost = TRUE;

  return !self->lost;
}

void
wm_site_lock_refresh (WmSiteLock *self)
{
  g_autofree char *owner = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WM_IS_SITE_LOCK (self));

  if (self->file == NULL || g_get_monotonic_time () - self->refreshed < REFRESH_USEC)
    return;
  self->refreshed = g_get_monotonic_time ();

  /* Never over another publisher's lock: that one is theirs now. */
  if (!is_still_ours (self, NULL))
    return;

  /* Rewritten in place: the lock must never be absent, even for a moment. */
  owner = make_owner ();
  if (!g_file_replace_contents (self->file, owner, strlen (owner), NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      g_warning ("Could not refresh the publish lock: %s", error->message);
      return;
    }
  g_free (self->owner);
  self->owner = g_steal_pointer (&owner);
}

gboolean
wm_site_lock_check (WmSiteLock    *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (WM_IS_SITE_LOCK (self), FALSE);

  if (is_still_ours (self, cancellable))
    return TRUE;

  {
    g_autoptr(GFile) root = self->file != NULL ? g_file_get_parent (self->file) : NULL;
    g_autofree char *name = root != NULL ? g_file_get_parse_name (root) : g_strdup ("?");

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                 "Another Waymark took over publishing to “%s” while this publish was "
                 "running; its tutorials were not added to the catalogue: publish again", name);
  }
  return FALSE;
}

void
wm_site_lock_release (WmSiteLock *self)
{
  g_return_if_fail (WM_IS_SITE_LOCK (self));

  if (is_still_ours (self, NULL))
    g_file_delete (self->file, NULL, NULL);
  g_clear_object (&self->file);
}

static gboolean
try_create (GFile         *file,
            const char    *owner,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;

  out = g_file_create (file, G_FILE_CREATE_NONE, cancellable, error);
  if (out == NULL)
    return FALSE;

  return g_output_stream_write_all (G_OUTPUT_STREAM (out), owner, strlen (owner), NULL,
                                    cancellable, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
}

/* "host pid since" of the holder; FALSE when the file went away meanwhile. */
static gboolean
read_owner (GFile   *file,
            char   **contents,
            char   **host,
            int     *pid,
            gint64  *since)
{
  g_autofree char *line = NULL;
  g_auto(GStrv) fields = NULL;
  g_autoptr(GFileInfo) info = NULL;

  if (!g_file_load_contents (file, NULL, contents, NULL, NULL, NULL))
    return FALSE;

  line = g_strdup (*contents);
  fields = g_strsplit (g_strstrip (line), " ", 3);
  if (g_strv_length (fields) == 3)
    {
      *host = g_strdup (fields[0]);
      *pid = atoi (fields[1]);
      *since = g_ascii_strtoll (fields[2], NULL, 10);
      return TRUE;
    }

  /* Created but not written yet, by a holder that is writing it right now or that died
   * doing so: its age tells which. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL,
                            NULL);
  if (info == NULL)
    return FALSE;
  *host = g_strdup ("?");
  *pid = 0;
  *since = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) *
           G_USEC_PER_SEC;
  return TRUE;
}

static gboolean
owner_is_gone (const char *host,
               int         pid,
               gint64      since)
{
  if (g_get_real_time () - since > STALE_AFTER_USEC)
    return TRUE;

  /* Only a process on this host can be asked whether it still lives. */
  return g_strcmp0 (host, g_get_host_name ()) == 0 && pid > 0 && pid != getpid () &&
         kill (pid, 0) != 0 && errno == ESRCH;
}

static void
set_busy_error (GFile       *file,
                const char  *host,
                int          pid,
                gint64       since,
                GError     **error)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (since / G_USEC_PER_SEC);
  g_autofree char *at = when != NULL ? g_date_time_format (when, "%H:%M:%S") : g_strdup ("?");
  g_autoptr(GFile) root = g_file_get_parent (file);
  g_autofree char *name = g_file_get_parse_name (root);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
               "“%s” is being published by another Waymark (%s, process %d, since %s); "
               "try again when it has finished", name, host, pid, at);
}

WmSiteLock *
wm_site_lock_acquire (GFile         *root,
                      guint          timeout_ms,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFile) file = NULL;
  gint64 deadline;

  g_return_val_if_fail (G_IS_FILE (root), NULL);

  file = g_file_get_child (root, LOCK_NAME);
  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *host = NULL;
      g_autofree char *seen = NULL;
      g_autofree char *owner = make_owner ();
      int pid = 0;
      gint64 since = 0;

      if (try_create (file, owner, cancellable, &local_error))
        {
          WmSiteLock *self = g_object_new (WM_TYPE_SITE_LOCK, NULL);
          self->file = g_steal_pointer (&file);
          self->owner = g_steal_pointer (&owner);
          self->refreshed = g_get_monotonic_time ();
          return self;
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (!read_owner (file, &seen, &host, &pid, &since))
        continue;   /* released meanwhile: try again at once */

      if (owner_is_gone (host, pid, since))
        {
          g_autofree char *now = NULL;

          /* Only the lock judged stale: another waiter may have broken it and taken its own
           * meanwhile. (What is left between this read and the delete, the holder's own
           * wm_site_lock_check() catches.) */
          if (g_file_load_contents (file, NULL, &now, NULL, NULL, NULL) &&
              g_strcmp0 (now, seen) == 0)
            {
              g_debug ("Breaking the stale lock of %s process %d", host, pid);
              g_file_delete (file, NULL, NULL);
            }
          continue;
        }

      if (g_get_monotonic_time () >= deadline)
        {
          set_busy_error (file, host, pid, since, error);
          return NULL;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_usleep (POLL_USEC);
    }
}
