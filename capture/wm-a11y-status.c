/* wm-a11y-status.c — accessibility switched on while recording, as screen readers do it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-capture"

#include "config.h"

#include <gio/gio.h>

#include "wm-a11y-status.h"

#define A11Y_BUS_NAME "org.a11y.Bus"
#define A11Y_BUS_PATH "/org/a11y/bus"
#define A11Y_STATUS "org.a11y.Status"
#define CALL_TIMEOUT_MS 1000

static GMutex status_lock;
static guint holders;
static gboolean was_enabled;

/* Whether a value could be read; @enabled is what it was. */
static gboolean
get_enabled (GDBusConnection *bus,
             gboolean        *enabled)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, A11Y_BUS_NAME, A11Y_BUS_PATH,
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", A11Y_STATUS, "IsEnabled"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                       CALL_TIMEOUT_MS, NULL, &error);
  if (reply == NULL)
    {
      g_debug ("Could not read the accessibility status: %s", error->message);
      return FALSE;
    }
  g_variant_get (reply, "(v)", &value);
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return FALSE;
  *enabled = g_variant_get_boolean (value);
  return TRUE;
}

static void
set_enabled (GDBusConnection *bus,
             gboolean         enabled)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, A11Y_BUS_NAME, A11Y_BUS_PATH,
                                       "org.freedesktop.DBus.Properties", "Set",
                                       g_variant_new ("(ssv)", A11Y_STATUS, "IsEnabled",
                                                      g_variant_new_boolean (enabled)),
                                       NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                       CALL_TIMEOUT_MS, NULL, &error);
  if (reply == NULL)
    g_debug ("Could not set the accessibility status: %s", error->message);
}

/* A private connection: the session bus singleton may belong to a caller that closes it,
 * and these calls come from the recorder's worker thread. */
static GDBusConnection *
open_bus (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *bus = NULL;

  if (address != NULL)
    bus = g_dbus_connection_new_for_address_sync (address,
                                                  G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                  G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                  NULL, NULL, &error);
  if (bus == NULL)
    g_debug ("No session bus for the accessibility status: %s", error->message);
  return bus;
}

void
wm_a11y_status_hold (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  gboolean enabled = FALSE;

  g_mutex_lock (&status_lock);
  if (holders++ == 0)
    {
      /* Unknown counts as on: then nothing is switched off that someone else needs. */
      was_enabled = TRUE;
      if ((bus = open_bus ()) != NULL)
        {
          was_enabled = !get_enabled (bus, &enabled) || enabled;
          if (!was_enabled)
            set_enabled (bus, TRUE);
          g_dbus_connection_close_sync (bus, NULL, NULL);
        }
    }
  g_mutex_unlock (&status_lock);
}

void
wm_a11y_status_release (void)
{
  g_autoptr(GDBusConnection) bus = NULL;

  g_mutex_lock (&status_lock);
  if (holders == 0)
    g_critical ("wm_a11y_status_release() without wm_a11y_status_hold()");
  else if (--holders == 0 && !was_enabled && (bus = open_bus ()) != NULL)
    {
      set_enabled (bus, FALSE);
      g_dbus_connection_close_sync (bus, NULL, NULL);
    }
  g_mutex_unlock (&status_lock);
}
