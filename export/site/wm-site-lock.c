/* wm-site-lock.c — one publisher at a time per library location, across hosts
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-site-lock"

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wm-site-lock.h"

#define LOCK_NAME ".waymark-lock"
/* A lock is one short line; anything longer was not written by Waymark. */
#define LOCK_MAX_SIZE 4096
#define STALE_AFTER_USEC (10 * G_TIME_SPAN_MINUTE)
/* How long a lock that does not parse may stay the same before it is taken for dead: its
 * holder writes the line right after creating the file. */
#define UNREADABLE_AFTER_USEC (10 * G_TIME_SPAN_SECOND)
#define POLL_USEC (50 * G_TIME_SPAN_MILLISECOND)
#define REFRESH_USEC G_TIME_SPAN_MINUTE

struct _WmSiteLock
{
  GObject         parent_instance;

  WmSiteLocation *location;   /* NULL once released */
  char           *owner;      /* what the lock file says while it is ours */
  gint64          refreshed;  /* monotonic time of the last write */
  gboolean        lost;       /* another publisher broke it */
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

static char *
load_lock (WmSiteLocation  *location,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(GBytes) bytes = wm_site_location_load (location, LOCK_NAME, LOCK_MAX_SIZE,
                                                   cancellable, error);

  return bytes != NULL ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))
                       : NULL;
}

/* Whether the lock file still holds what this holder wrote; a read error counts as no. */
static gboolean
is_still_ours (WmSiteLock    *self,
               GCancellable  *cancellable)
{
  g_autofree char *contents = NULL;

  if (self->location == NULL || self->lost)
    return FALSE;
  contents = load_lock (self->location, cancellable, NULL);
  if (g_strcmp0 (contents, self->owner) != 0)
    self->lost = TRUE;

  return !self->lost;
}

/* Written beside and renamed over the lock: it is never absent, even for a moment, and a
 * link put in its place is replaced, not followed. */
static gboolean
rewrite (WmSiteLock   *self,
         const char   *owner,
         GError      **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *tmp = g_strconcat (".waymark-tmp/", uuid, ".part", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (owner, strlen (owner));

  if (!wm_site_location_make_dirs (self->location, ".waymark-tmp", NULL, error) ||
      !wm_site_location_create (self->location, tmp, bytes, NULL, error))
    return FALSE;
  if (!wm_site_location_rename (self->location, tmp, LOCK_NAME, NULL, error))
    {
      wm_site_location_delete (self->location, tmp, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

void
wm_site_lock_refresh (WmSiteLock *self)
{
  g_autofree char *owner = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WM_IS_SITE_LOCK (self));

  if (self->location == NULL || g_get_monotonic_time () - self->refreshed < REFRESH_USEC)
    return;
  self->refreshed = g_get_monotonic_time ();

  /* Never over another publisher's lock: that one is theirs now. */
  if (!is_still_ours (self, NULL))
    return;

  owner = make_owner ();
  if (!rewrite (self, owner, &error))
    {
      g_warning ("Could not refresh the publish lock: %s", error->message);
      return;
    }
  g_free (self->owner);
  self->owner = g_steal_pointer (&owner);
}

static char *
location_name (WmSiteLocation *location)
{
  return g_file_get_parse_name (wm_site_location_get_file (location));
}

gboolean
wm_site_lock_check (WmSiteLock    *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (WM_IS_SITE_LOCK (self), FALSE);

  if (is_still_ours (self, cancellable))
    return TRUE;

  name = self->location != NULL ? location_name (self->location) : g_strdup ("?");
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
               _("Another Waymark took over publishing to “%s” while this publish was "
                 "running; its tutorials were not added to the catalogue: publish again"), name);
  return FALSE;
}

void
wm_site_lock_release (WmSiteLock *self)
{
  g_return_if_fail (WM_IS_SITE_LOCK (self));

  if (is_still_ours (self, NULL))
    wm_site_location_delete (self->location, LOCK_NAME, NULL, NULL);
  g_clear_object (&self->location);
}

/* "host pid since token" of the holder; FALSE when the line does not parse. */
static gboolean
parse_owner (const char  *contents,
             char       **host,
             int         *pid,
             gint64      *since)
{
  g_autofree char *line = g_strdup (contents);
  g_auto(GStrv) fields = g_strsplit (g_strstrip (line), " ", 4);
  char *end = NULL;
  gint64 number;

  if (g_strv_length (fields) < 3 || *fields[0] == '\0')
    return FALSE;
  number = g_ascii_strtoll (fields[1], &end, 10);
  if (*end != '\0' || number < 0 || number > G_MAXINT)
    return FALSE;
  *pid = (int) number;
  *since = g_ascii_strtoll (fields[2], &end, 10);
  if (*end != '\0')
    return FALSE;
  *host = g_strdup (fields[0]);

  return TRUE;
}

static gboolean
owner_is_gone (const char *host,
               int         pid,
               gint64      since)
{
  gint64 age = g_get_real_time () - since;

  /* A time far ahead is no excuse to wait forever: a lock is broken that far either way. */
  if (age > STALE_AFTER_USEC || age < -STALE_AFTER_USEC)
    return TRUE;

  /* Only a process on this host can be asked whether it still lives. */
  return g_strcmp0 (host, g_get_host_name ()) == 0 && pid > 0 && pid != getpid () &&
         kill (pid, 0) != 0 && errno == ESRCH;
}

static void
set_busy_error (WmSiteLocation  *location,
                const char      *host,
                int              pid,
                gint64           since,
                GError         **error)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (since / G_USEC_PER_SEC);
  g_autofree char *at = when != NULL ? g_date_time_format (when, "%H:%M:%S") : g_strdup ("?");
  g_autofree char *name = location_name (location);
  g_autofree char *shown = g_strescape (host, NULL);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
               _("“%1$s” is being published by another Waymark (%2$s, process %3$d, since %4$s); "
                 "try again when it has finished"), name, shown, pid, at);
}

/* Deletes the lock if it still says @seen: another waiter may have broken it and taken its
 * own meanwhile. (What is left between this read and the delete, the holder's own
 * wm_site_lock_check() catches.) */
static void
break_lock (WmSiteLocation *location,
            const char     *seen)
{
  g_autofree char *now = load_lock (location, NULL, NULL);

  if (g_strcmp0 (now, seen) == 0)
    {
      g_debug ("Breaking the stale lock “%s”", seen);
      wm_site_location_delete (location, LOCK_NAME, NULL, NULL);
    }
}

static void
refuse_not_a_lock (GError  *cause,
                   GError **error)
{
  const char *what = g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE)
                     ? "it is too large for one" : "a link, a folder or a device";

  if (!g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE) &&
      !g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      g_propagate_error (error, g_error_copy (cause));
      return;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* TRANSLATORS: %1$s is the lock file's name, %2$s what it is instead */
               _("“%1$s” there is not a lock Waymark wrote (%2$s); remove it and publish again"),
               LOCK_NAME, what);
}

WmSiteLock *
wm_site_lock_acquire (WmSiteLocation  *location,
                      guint            timeout_ms,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autofree char *unreadable = NULL;   /* a lock that did not parse, and since when */
  gint64 unreadable_since = 0;
  gint64 deadline;

  g_return_val_if_fail (WM_IS_SITE_LOCATION (location), NULL);

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *host = NULL;
      g_autofree char *seen = NULL;
      g_autofree char *owner = make_owner ();
      g_autoptr(GBytes) bytes = g_bytes_new (owner, strlen (owner));
      int pid = 0;
      gint64 since = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      /* Exclusive, and removed again when its line could not be written (a full disk). */
      if (wm_site_location_create (location, LOCK_NAME, bytes, cancellable, &local_error))
        {
          WmSiteLock *self = g_object_new (WM_TYPE_SITE_LOCK, NULL);
          self->location = g_object_ref (location);
          self->owner = g_steal_pointer (&owner);
          self->refreshed = g_get_monotonic_time ();
          return self;
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);

      seen = load_lock (location, cancellable, &local_error);
      if (seen == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          refuse_not_a_lock (local_error, error);
          return NULL;
        }

      if (seen != NULL && parse_owner (seen, &host, &pid, &since))
        {
          if (owner_is_gone (host, pid, since))
            {
              break_lock (location, seen);
              continue;
            }
        }
      else if (seen != NULL)
        {
          /* Being written right now, or left half-made: the same bytes for long say which. */
          if (g_strcmp0 (seen, unreadable) != 0)
            {
              g_free (unreadable);
              unreadable = g_strdup (seen);
              unreadable_since = g_get_monotonic_time ();
            }
          else if (g_get_monotonic_time () - unreadable_since > UNREADABLE_AFTER_USEC)
            {
              break_lock (location, seen);
              continue;
            }
          host = g_strdup ("?");
        }

      if (g_get_monotonic_time () >= deadline)
        {
          set_busy_error (location, host != NULL ? host : "?", pid, since, error);
          return NULL;
        }
      g_usleep (POLL_USEC);
    }
}
